package uk.co.omniops.escalation.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.escalation.EscalationManagement;
import uk.co.omniops.tenancy.ApiKeyManagement;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * The whole path, nothing fed by hand: angry messages posted through the REST API are analysed by the in-process
 * models through the job queue, the default rule escalates once, and Slack gets one well-formed message.
 */
@OmniOpsIntegrationTest
class EscalationEndToEndTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    ApiKeyManagement apiKeys;

    @Autowired
    EscalationManagement escalations;

    @Autowired
    NotificationTargets targets;

    @Autowired
    NotificationDispatcher dispatcher;

    @Autowired
    uk.co.omniops.escalation.internal.Notifications notifications;

    @Autowired
    uk.co.omniops.tenancy.TenantTransactions transactions;

    final WireMockServer slack = new WireMockServer(options().dynamicPort());
    final HttpClient http = ApiClient.http();

    @BeforeEach
    void start() {
        slack.start();
        slack.stubFor(
                post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withBody("ok")));
        targets.use(new NotificationTargets.Targets(
                slack.baseUrl() + "/hook",
                null,
                null,
                null,
                "http://localhost:1/unused",
                null,
                "http://localhost:1/unused"));
    }

    @AfterEach
    void stop() {
        dispatcher.useGroupWindow(Duration.ofMinutes(5));
        targets.reset();
        slack.stop();
    }

    @Test
    void angryMessagesThroughTheApiOpenExactlyOneEscalationAndOneSlackMessage() throws Exception {
        var customer = tenancy.ensureCustomer("escalation-e2e", "Escalation E2E", "business", "eu");
        var key = apiKeys.create(customer.id(), "end-to-end " + UUID.randomUUID(), "tests")
                .plaintext();

        var started = send(key, "/api/v1/conversations", """
                {"contact":{"name":"Angry Andy","email":"andy-%s@example.com"},"text":"My order is two weeks late and nobody replies."}""".formatted(UUID.randomUUID()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        var id = new ConversationId(
                UUID.fromString(JSON.readTree(started.body()).path("id").asString()));
        for (var text : new String[] {
            "This is absolutely useless. Worst service I have ever had.",
            "I am furious. Third time asking and still no refund!!",
            "Unbelievable. I will file a chargeback and tell everyone how terrible you are."
        }) {
            var sent = send(key, "/api/v1/conversations/" + id + "/messages", "{\"text\":\"" + text + "\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(escalations.current(customer.id(), id))
                        .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo("open")));
        // later analyses of the same angry conversation join the open escalation instead of opening new ones
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(escalations.open(customer.id(), Set.of(), Set.of(), false).stream()
                                .filter(e -> e.conversationId().equals(id)))
                        .hasSize(1));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            assertThat(slack.getAllServeEvents()).hasSize(1);
        });
        var payload =
                JSON.readTree(slack.getAllServeEvents().getFirst().getRequest().getBodyAsString());
        assertThat(payload.path("text").asString()).contains("Escalation at Escalation E2E");
        assertThat(payload.path("link").asString()).endsWith("/inbox/" + id);
        dispatcher.dispatchDue();
        assertThat(slack.getAllServeEvents()).hasSize(1);

        var representation = send(key, "/api/v1/conversations/" + id, null);
        assertThat(JSON.readTree(representation.body())
                        .path("escalation")
                        .path("status")
                        .asString())
                .isEqualTo("open");
    }

    /**
     * Issue 23's probe, through the API and the real models: calm problem reports and content-free messages are
     * not escalated; angry customers are, graded by what they say.
     */
    @Test
    void calmAngryAndContentFreeConversationsThroughTheApiEscalateOnlyTheAngryGradedBySignals() throws Exception {
        // a short grouping window from the start (restored after the test): the scheduled dispatch runs every 5 s
        // meanwhile, and when the three escalations spread over two of its runs (a loaded clean-clone run) the
        // 5-minute window held the later two until 5 minutes after the first; 15 s still groups what a spread over
        // three runs brings, and expires within the wait below
        dispatcher.useGroupWindow(Duration.ofSeconds(15));
        var customer = tenancy.ensureCustomer("escalation-e2e-probe", "Escalation E2E probe", "business", "eu");
        var key = apiKeys.create(customer.id(), "probe " + UUID.randomUUID(), "tests")
                .plaintext();
        var calm = List.of(
                "My printer shows offline since this morning, what else can I try?",
                "Could you tell me when my order will ship?",
                "Hi, my order arrived with one item missing, could you look into it?",
                "I was charged twice this month, please refund the duplicate.");
        var contentFree = List.of("??", "ok", "hi", "test");
        var angry = new LinkedHashMap<String, String>();
        angry.put(
                "I've been a customer for six years and this is the worst service I have ever had. Get me a manager.",
                "critical");
        angry.put("I am FURIOUS, worst company ever, never again!!!", "critical");
        angry.put("If this isn't fixed today I'm cancelling and disputing the charge with my bank.", "high");

        var ids = new LinkedHashMap<String, ConversationId>();
        for (var text : Stream.of(calm, contentFree, List.copyOf(angry.keySet()))
                .flatMap(List::stream)
                .toList()) {
            var body = JSON.createObjectNode();
            body.putObject("contact").put("name", "Probe").put("email", "probe-" + UUID.randomUUID() + "@example.com");
            body.put("text", text);
            var started = send(key, "/api/v1/conversations", JSON.writeValueAsString(body));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            ids.put(
                    text,
                    new ConversationId(UUID.fromString(
                            JSON.readTree(started.body()).path("id").asString())));
        }

        for (var entry : angry.entrySet()) {
            var id = ids.get(entry.getKey());
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(escalations.current(customer.id(), id))
                            .as(entry.getKey())
                            .hasValueSatisfying(c -> assertThat(c.severity()).isEqualTo(entry.getValue())));
        }
        // every message analysed (the API shows its sentiment), then nothing else escalates for a while
        for (var text : ids.keySet()) {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(
                                    JSON.readTree(send(key, "/api/v1/conversations/" + ids.get(text), null)
                                                    .body())
                                            .path("messages")
                                            .get(0)
                                            .path("analysis")
                                            .path("sentiment")
                                            .isObject())
                            .as(text)
                            .isTrue());
        }
        var quiet = Stream.of(calm, contentFree).flatMap(List::stream).toList();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (var text : quiet) {
                assertThat(escalations.current(customer.id(), ids.get(text)))
                        .as(text)
                        .isEmpty();
            }
        });
        var rant = escalations
                .current(customer.id(), ids.get(angry.keySet().iterator().next()))
                .orElseThrow();
        assertThat(rant.reason()).contains("asked for a manager").doesNotContain("sentiment 0.");

        // only high and critical page people: the three angry conversations, in at most two Slack messages (the
        // first at once, what fired within the grouping window in one grouped alert; the window is short here)
        for (var text : angry.keySet()) {
            var escalation =
                    escalations.forConversation(customer.id(), ids.get(text)).orElseThrow();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                dispatcher.dispatchDue();
                assertThat(transactions.readInTenant(
                                customer.id(), () -> notifications.forEvent(customer.id(), escalation.id())))
                        .as(text)
                        .singleElement()
                        .satisfies(n -> assertThat(n.status()).isEqualTo("sent"));
            });
        }
        assertThat(slack.getAllServeEvents()).hasSizeBetween(1, 2);
    }

    private HttpResponse<String> send(String key, String path, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key);
        if (json != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
