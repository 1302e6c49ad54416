package uk.co.omniops.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.tenancy.ApiKeyManagement;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * Fault scenario 6 (issue 10): a storm of malformed, oversized, cross-tenant and unauthenticated requests, sent
 * concurrently. Every one is rejected with its documented status as a problem document, no row of either customer
 * changes, and the service stays ready and keeps accepting good requests. Prints its figures.
 */
@OmniOpsIntegrationTest
class BadInputStormTests {

    static final int PER_KIND = 30;

    @LocalServerPort
    int port;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    ApiKeyManagement apiKeys;

    record Bad(String kind, String method, String path, String key, String contentType, byte[] body, int expected) {}

    @Test
    void everyBadRequestIsRejectedAndNothingChanges() throws Exception {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        var a = tenancy.ensureCustomer("storm-a-" + suffix, "Storm A", "business", "eu");
        var b = tenancy.ensureCustomer("storm-b-" + suffix, "Storm B", "business", "eu");
        var keyA = apiKeys.create(a.id(), "storm", "test").plaintext();
        var keyB = apiKeys.create(b.id(), "storm", "test").plaintext();
        var conversationA = new ApiClient(port, keyA)
                .post(
                        "/api/v1/conversations",
                        "{\"contact\":{\"name\":\"Ann\",\"email\":\"ann-" + suffix
                                + "@example.com\"},\"text\":\"What are your opening hours?\"}")
                .get("id")
                .asString();
        var messages = "/api/v1/conversations/" + conversationA + "/messages";
        var good = "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        var json = "application/json";

        var kinds = List.of(
                new Bad(
                        "malformed JSON",
                        "POST",
                        messages,
                        keyA,
                        json,
                        "{\"text\":".getBytes(StandardCharsets.UTF_8),
                        400),
                new Bad("not an object", "POST", messages, keyA, json, "[1,2,3]".getBytes(StandardCharsets.UTF_8), 400),
                new Bad(
                        "invalid UTF-8",
                        "POST",
                        messages,
                        keyA,
                        json,
                        new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        400),
                new Bad(
                        "control characters",
                        "POST",
                        messages,
                        keyA,
                        json,
                        "{\"text\":\"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8),
                        400),
                new Bad(
                        "text over 10,000 characters",
                        "POST",
                        messages,
                        keyA,
                        json,
                        ("{\"text\":\"" + "x".repeat(10_001) + "\"}").getBytes(StandardCharsets.UTF_8),
                        400),
                new Bad(
                        "body over 64 KiB",
                        "POST",
                        messages,
                        keyA,
                        json,
                        ("{\"text\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                        413),
                new Bad("wrong content type", "POST", messages, keyA, "text/plain", good, 415),
                new Bad("another customer's conversation (post)", "POST", messages, keyB, json, good, 404),
                new Bad(
                        "another customer's conversation (read)",
                        "GET",
                        "/api/v1/conversations/" + conversationA,
                        keyB,
                        null,
                        null,
                        404),
                new Bad("not an id", "POST", "/api/v1/conversations/not-a-uuid/messages", keyA, json, good, 404),
                new Bad("no API key", "POST", messages, null, json, good, 401),
                new Bad("unknown API key", "POST", messages, "omni_" + "A".repeat(43), json, good, 401),
                new Bad("wrong scheme", "POST", messages, "Basic " + "YWdlbnQ6ZGVtbw==", json, good, 401),
                new Bad("no API key (list)", "GET", "/api/v1/conversations", null, null, null, 401));

        var before = rows(a, b);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var wrong = new ConcurrentHashMap<String, String>();
        var notProblem = new ConcurrentHashMap<String, String>();
        var statuses = new ConcurrentHashMap<String, AtomicInteger>();
        var permits = new Semaphore(16);
        var sent = new AtomicInteger();
        var started = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var i = 0; i < PER_KIND; i++) {
                for (var bad : kinds) {
                    permits.acquire();
                    pool.execute(() -> {
                        try {
                            var response = http.send(request(bad), HttpResponse.BodyHandlers.ofString());
                            sent.incrementAndGet();
                            statuses.computeIfAbsent(
                                            bad.expected() + "<-" + response.statusCode(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            if (response.statusCode() != bad.expected()) {
                                wrong.putIfAbsent(bad.kind(), response.statusCode() + " " + response.body());
                            } else if (!response.headers()
                                    .firstValue("Content-Type")
                                    .orElse("")
                                    .startsWith("application/problem+json")) {
                                notProblem.putIfAbsent(
                                        bad.kind(),
                                        response.headers()
                                                .firstValue("Content-Type")
                                                .orElse("none"));
                            }
                        } catch (Exception e) {
                            wrong.putIfAbsent(bad.kind(), e.toString());
                        } finally {
                            permits.release();
                        }
                    });
                }
            }
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        var after = rows(a, b);
        System.out.printf(
                "bad-input storm: sent=%d kinds=%d wrong-status=%d not-problem-json=%d in %.1f s (%.0f requests/s); "
                        + "expected<-actual %s; rows before %s after %s%n",
                sent.get(),
                kinds.size(),
                wrong.size(),
                notProblem.size(),
                seconds,
                sent.get() / seconds,
                new TreeMap<>(Map.copyOf(statuses)),
                before,
                after);

        assertThat(wrong)
                .as("requests answered with another status than documented")
                .isEmpty();
        assertThat(notProblem).as("rejections that are not problem documents").isEmpty();
        assertThat(sent.get()).isEqualTo(PER_KIND * kinds.size());
        assertThat(after).as("no data touched").isEqualTo(before);
        var ready = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ready"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode())
                .as("ready after the storm: %s", ready.body())
                .isEqualTo(200);
        new ApiClient(port, keyA).post(messages, "{\"text\":\"Still there after the storm?\"}");
        assertThat(rows(a, b).getFirst()).as("a good request still works").isEqualTo(before.getFirst() + 1);
    }

    private HttpRequest request(Bad bad) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + bad.path()));
        if (bad.key() != null) {
            builder.header("Authorization", bad.key().startsWith("Basic ") ? bad.key() : "Bearer " + bad.key());
        }
        if (bad.contentType() != null) {
            builder.header("Content-Type", bad.contentType());
        }
        return bad.body() == null
                ? builder.GET().build()
                : builder.method(bad.method(), HttpRequest.BodyPublishers.ofByteArray(bad.body()))
                        .build();
    }

    /** Messages, conversations and contacts of both customers, and their API keys (superuser: no RLS). */
    private static List<Long> rows(Customer a, Customer b) throws Exception {
        var counts = new ArrayList<Long>();
        try (var db = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            for (var table : List.of("messages", "conversations", "contacts", "api_keys")) {
                try (var s = db.prepareStatement("select count(*) from " + table + " where customer_id in (?, ?)")) {
                    s.setObject(1, a.id().value());
                    s.setObject(2, b.id().value());
                    try (var rs = s.executeQuery()) {
                        rs.next();
                        counts.add(rs.getLong(1));
                    }
                }
            }
        }
        return counts;
    }
}
