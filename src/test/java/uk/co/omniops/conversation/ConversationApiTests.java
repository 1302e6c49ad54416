package uk.co.omniops.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.tenancy.ApiKeyManagement;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/** The ingestion API's contract, over real HTTP: shapes, idempotency and every kind of bad input. */
@OmniOpsIntegrationTest
class ConversationApiTests {

    @LocalServerPort
    int port;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    ApiKeyManagement apiKeys;

    final HttpClient http = ApiClient.http();
    final JsonMapper json = JsonMapper.builder().build();

    Customer customerA;
    Customer customerB;
    String keyA;
    String keyB;

    @BeforeEach
    void customersWithKeys() {
        customerA = tenancy.ensureCustomer("api-test-a", "API Test A", "business", "eu");
        customerB = tenancy.ensureCustomer("api-test-b", "API Test B", "business", "eu");
        keyA = apiKeys.create(customerA.id(), "tests", "tests").plaintext();
        keyB = apiKeys.create(customerB.id(), "tests", "tests").plaintext();
    }

    @Test
    void startsAConversationWithTheContactsFirstMessage() throws Exception {
        var response = post("/api/v1/conversations", keyA, """
                {"contact":{"name":"Ann Example","email":"ann@example.com"},"text":"My parcel is late","channel":"chat"}""");

        assertThat(response.statusCode()).isEqualTo(201);
        var body = json.readTree(response.body());
        var id = body.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/conversations/" + id);
        assertThat(body.get("status").asString()).isEqualTo("open");
        assertThat(body.get("channel").asString()).isEqualTo("chat");
        assertThat(body.get("messageCount").asInt()).isEqualTo(1);
        assertThat(body.get("contact").get("email").asString()).isEqualTo("ann@example.com");
        assertThat(body.get("messages")).hasSize(1);
        var message = body.get("messages").get(0);
        assertThat(message.get("text").asString()).isEqualTo("My parcel is late");
        assertThat(message.get("author").asString()).isEqualTo("contact");
        assertThat(message.has("analysis")).isTrue();
        assertThat(body.has("escalation")).isTrue();
        assertThat(body.get("suggestions").isArray()).isTrue();
    }

    @Test
    void addsAMessageAndReadsTheConversationBack() throws Exception {
        var id = start(keyA);
        var added = post("/api/v1/conversations/" + id + "/messages", keyA, "{\"text\":\"  Any news?\\nThanks \"}");

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json.readTree(added.body()).get("text").asString()).isEqualTo("Any news?\nThanks");

        var read = get("/api/v1/conversations/" + id, keyA);
        assertThat(read.statusCode()).isEqualTo(200);
        var body = json.readTree(read.body());
        assertThat(body.get("messages")).hasSize(2);
        assertThat(body.get("messageCount").asInt()).isEqualTo(2);
    }

    @Test
    void listsConversationsPagedAndFiltered() throws Exception {
        start(keyA);
        start(keyA);
        var page = get("/api/v1/conversations?status=open&size=1&page=0&since=2020-01-01T00:00:00Z", keyA);

        assertThat(page.statusCode()).isEqualTo(200);
        var body = json.readTree(page.body());
        assertThat(body.get("items")).hasSize(1);
        assertThat(body.get("page").get("size").asInt()).isEqualTo(1);
        assertThat(body.get("page").get("totalItems").asLong()).isGreaterThanOrEqualTo(2);

        assertProblem(get("/api/v1/conversations?size=101", keyA), 400, "between 1 and 100");
        assertProblem(get("/api/v1/conversations?status=closed", keyA), 400, "open, pending or resolved");
        assertProblem(get("/api/v1/conversations?since=yesterday", keyA), 400, "ISO-8601");
    }

    @Test
    void rejectsBodiesOver64Kilobytes() throws Exception {
        var id = start(keyA);
        var response =
                post("/api/v1/conversations/" + id + "/messages", keyA, "{\"text\":\"" + "a".repeat(70_000) + "\"}");
        assertProblem(response, 413, "larger than 65536 bytes");
        assertThat(messageCount(id)).isEqualTo(1);
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        assertProblem(
                post("/api/v1/conversations", keyA, "{\"contact\":{\"name\":\"Ann\"},\"text\":"),
                400,
                "not valid JSON");
        assertProblem(post("/api/v1/conversations", keyA, ""), 400, "missing");
    }

    @Test
    void rejectsInvalidUtf8() throws Exception {
        var id = start(keyA);
        var bytes = new ArrayList<Byte>();
        for (var b : "{\"text\":\"caf".getBytes(StandardCharsets.US_ASCII)) {
            bytes.add(b);
        }
        bytes.add((byte) 0xC3);
        bytes.add((byte) 0x28);
        for (var b : "\"}".getBytes(StandardCharsets.US_ASCII)) {
            bytes.add(b);
        }
        var raw = new byte[bytes.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = bytes.get(i);
        }
        var response = http.send(
                request("/api/v1/conversations/" + id + "/messages", keyA)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 400, "UTF-8");
        assertThat(messageCount(id)).isEqualTo(1);
    }

    @Test
    void rejectsControlCharacters() throws Exception {
        var id = start(keyA);
        assertProblem(
                post("/api/v1/conversations/" + id + "/messages", keyA, "{\"text\":\"ring \\u0007 bell\"}"),
                400,
                "control character");
        assertProblem(
                post("/api/v1/conversations/" + id + "/messages", keyA, "{\"text\":\"nul \\u0000\"}"),
                400,
                "control character");
        // unescaped control characters are not JSON at all
        assertProblem(
                post("/api/v1/conversations/" + id + "/messages", keyA, "{\"text\":\"raw \u0001\"}"),
                400,
                "not valid JSON");
        assertThat(messageCount(id)).isEqualTo(1);
    }

    @Test
    void rejectsMissingEmptyWhitespaceAndTooLongText() throws Exception {
        var id = start(keyA);
        var path = "/api/v1/conversations/" + id + "/messages";
        assertProblem(post(path, keyA, "{}"), 400, "text is required");
        assertProblem(post(path, keyA, "{\"text\":\"\"}"), 400, "must not be empty");
        assertProblem(post(path, keyA, "{\"text\":\" \\n\\t \"}"), 400, "must not be empty");
        assertProblem(post(path, keyA, "{\"text\":\"" + "x".repeat(10_001) + "\"}"), 400, "10,000 characters");
        assertThat(post(path, keyA, "{\"text\":\"" + "x".repeat(10_000) + "\"}").statusCode())
                .isEqualTo(201);
        assertProblem(post("/api/v1/conversations", keyA, "{\"text\":\"hi\"}"), 400, "contact is required");
        assertProblem(
                post("/api/v1/conversations", keyA, "{\"contact\":{\"name\":\"\"},\"text\":\"hi\"}"),
                400,
                "contact name is required");
        assertThat(messageCount(id)).isEqualTo(2);
    }

    @Test
    void rejectsAWrongContentType() throws Exception {
        var response = http.send(
                request("/api/v1/conversations", keyA)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    }

    @Test
    void unknownConversationsAndOtherCustomersConversationsAreNotFound() throws Exception {
        var ofB = start(keyB);
        assertProblem(get("/api/v1/conversations/" + UUID.randomUUID(), keyA), 404, "No conversation");
        assertProblem(get("/api/v1/conversations/not-a-uuid", keyA), 404, "No conversation");
        assertProblem(get("/api/v1/conversations/" + ofB, keyA), 404, "No conversation");
        assertProblem(
                post("/api/v1/conversations/" + ofB + "/messages", keyA, "{\"text\":\"let me in\"}"),
                404,
                "No conversation");
        assertThat(messageCount(ofB, keyB)).isEqualTo(1);
    }

    @Test
    void withoutAValidKeyTheApiAnswers401() throws Exception {
        var noKey = http.send(
                HttpRequest.newBuilder(uri("/api/v1/conversations")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(noKey, 401, "Bearer");
        assertProblem(get("/api/v1/conversations", "omni_unknown"), 401, "unknown or has been revoked");

        var revoked = apiKeys.create(customerA.id(), "to revoke", "tests");
        assertThat(get("/api/v1/conversations", revoked.plaintext()).statusCode())
                .isEqualTo(200);
        apiKeys.revoke(customerA.id(), revoked.key().id());
        assertProblem(get("/api/v1/conversations", revoked.plaintext()), 401, "unknown or has been revoked");
    }

    /** Issue 21, finding 7: guessing keys from one address is throttled before any lookup; known keys go on. */
    @Test
    void anAddressGuessingKeysGets429AndItsKnownKeyStillWorks() throws Exception {
        var address = Browser.randomAddress();
        assertThat(http.send(
                                request("/api/v1/conversations", keyA)
                                        .header("X-Forwarded-For", address)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        // the test profile allows 200 a minute (omniops.api.key-failures-per-address-per-minute; 20 by default): the
        // budget refills while the guesses go out, so guess until refused
        HttpResponse<String> throttled = null;
        var guesses = 0;
        while (throttled == null && guesses < 400) {
            var guess = http.send(
                    request("/api/v1/conversations", "omni_guess" + guesses++)
                            .header("X-Forwarded-For", address)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (guess.statusCode() == 429) {
                throttled = guess;
            } else {
                assertProblem(guess, 401, "unknown or has been revoked");
            }
        }
        assertThat(guesses).as("guesses until the first 429").isBetween(201, 399);
        assertProblem(throttled, 429, "Too many unknown or revoked API keys from this address");
        assertThat(throttled.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));

        // keyA authenticated again from elsewhere: this replica remembers it for 5 s, and then the throttled address
        // may use it too
        assertThat(http.send(
                                request("/api/v1/conversations", keyA)
                                        .header("X-Forwarded-For", Browser.randomAddress())
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.send(
                                request("/api/v1/conversations", keyA)
                                        .header("X-Forwarded-For", address)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("a key this replica knows")
                .isEqualTo(200);
        assertProblem(
                http.send(
                        request("/api/v1/conversations", "omni_guess0")
                                .header("X-Forwarded-For", Browser.randomAddress())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString()),
                401,
                "unknown or has been revoked");
    }

    /** Authentications are cached per replica for a few seconds (decision 014); a revocation elsewhere wins after that. */
    @Test
    void aKeyRevokedOnAnotherReplicaStopsWorkingWithinTheCacheTtl() throws Exception {
        var key = apiKeys.create(customerA.id(), "revoked elsewhere", "tests");
        assertThat(get("/api/v1/conversations", key.plaintext()).statusCode()).isEqualTo(200);
        // what another replica's revoke leaves behind: the row is revoked, this replica's cache still holds the key
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.prepareStatement("update api_keys set revoked_at = now() where id = ?")) {
            s.setObject(1, key.key().id());
            assertThat(s.executeUpdate()).isOne();
        }
        var deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        var status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = get("/api/v1/conversations", key.plaintext()).statusCode();
        }
        assertThat(status).as("rejected once the cached authentication expired").isEqualTo(401);
    }

    @Test
    void aKeyOverItsRateLimitGets429WithRetryAfter() throws Exception {
        var limited = apiKeys.create(customerA.id(), "rate-limit-test", "tests").plaintext();
        HttpResponse<String> last = null;
        for (int i = 0; i < 10 && (last == null || last.statusCode() != 429); i++) {
            last = get("/api/v1/conversations?size=1", limited);
        }
        assertProblem(last, 429, "retry after");
        assertThat(last.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 2));
        // other keys of the same customer are not limited by it
        assertThat(get("/api/v1/conversations?size=1", keyA).statusCode()).isEqualTo(200);
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyReturnsTheStoredMessage() throws Exception {
        var id = start(keyA);
        var path = "/api/v1/conversations/" + id + "/messages";
        var first = post(path, keyA, "{\"text\":\"once\"}", "retry-" + UUID.randomUUID());
        var key = first.request().headers().firstValue("Idempotency-Key").orElseThrow();
        var second = post(path, keyA, "{\"text\":\"once\"}", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json.readTree(second.body()).get("id").asString())
                .isEqualTo(json.readTree(first.body()).get("id").asString());
        assertThat(messageCount(id)).isEqualTo(2);
    }

    @Test
    void twentyConcurrentRetriesStoreExactlyOneMessage() throws Exception {
        var id = start(keyA);
        var key = "concurrent-" + UUID.randomUUID();
        var ids = retriedConcurrently(
                () -> post("/api/v1/conversations/" + id + "/messages", keyA, "{\"text\":\"only once\"}", key));
        assertThat(ids).hasSize(1);
        assertThat(messageCount(id)).isEqualTo(2);
    }

    @Test
    void twentyConcurrentRetriesOfStartCreateOneConversation() throws Exception {
        var key = "start-" + UUID.randomUUID();
        var body = "{\"contact\":{\"name\":\"Retry Rita\",\"email\":\"rita-" + UUID.randomUUID()
                + "@example.com\"},\"text\":\"hello once\"}";
        var ids = retriedConcurrently(() -> post("/api/v1/conversations", keyA, body, key));
        assertThat(ids).hasSize(1);
        assertThat(messageCount(ids.iterator().next())).isEqualTo(1);
    }

    @Test
    void measuresTheMedianPostLatency() throws Exception {
        var id = start(keyA);
        var times = new long[60];
        for (int i = 0; i < times.length; i++) {
            var t0 = System.nanoTime();
            assertThat(post("/api/v1/conversations/" + id + "/messages", keyA, "{\"text\":\"ping " + i + "\"}")
                            .statusCode())
                    .isEqualTo(201);
            times[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(times);
        System.out.printf(
                "API POST /messages latency over %d calls: p50 %.1f ms, p90 %.1f ms%n",
                times.length, times[times.length / 2] / 1e6, times[times.length * 9 / 10] / 1e6);
    }

    // ---------------------------------------------------------------------------------------------

    private java.util.Set<String> retriedConcurrently(Callable<HttpResponse<String>> call) throws Exception {
        var ids = new HashSet<String>();
        try (var pool = Executors.newFixedThreadPool(20)) {
            var futures = new ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(call));
            }
            for (var f : futures) {
                var response = f.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                ids.add(json.readTree(response.body()).get("id").asString());
            }
        }
        return ids;
    }

    private String start(String key) throws Exception {
        var response = post(
                "/api/v1/conversations",
                key,
                "{\"contact\":{\"name\":\"Test Contact\"},\"text\":\"Hello there\",\"channel\":\"chat\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }

    private int messageCount(String id) throws Exception {
        return messageCount(id, keyA);
    }

    private int messageCount(String id, String key) throws Exception {
        JsonNode body = json.readTree(get("/api/v1/conversations/" + id, key).body());
        return body.get("messages").size();
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        var body = json.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asString()).containsIgnoringCase(detail);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return http.send(
                request(path, key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String key, String body, String idempotencyKey) throws Exception {
        return http.send(
                request(path, key)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
