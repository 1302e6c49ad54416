package uk.co.omniops.analysis.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.co.omniops.analysis.AiGateway;
import uk.co.omniops.tenancy.CustomerId;

/** The OpenAI engine through an {@link AiGateway.Channel} against a WireMock stub of {@code /v1/chat/completions}: no Spring context. */
@Tag("fault")
class OpenAiSentimentEngineTests {

    static WireMockServer server;

    final CustomerId customer = new CustomerId(UUID.randomUUID());
    final List<String> outcomes = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    OpenAiSentimentEngine engine;

    @BeforeAll
    static void startStub() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        // the first call of a JVM loads the SDK (seconds on 2 busy cores); keep that out of the timed tests
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion("{\"label\":\"neutral\",\"score\":0.5,\"confidence\":0.5}"))));
        var warmUp = AiGateway.chatClient(
                "sk-test", server.baseUrl() + "/v1", "gpt-4o-mini", Duration.ofSeconds(60), AiGateway.Format.JSON);
        try (var engine = new OpenAiSentimentEngine(
                AiGateway.Channel.of(
                        "sentiment",
                        warmUp,
                        "gpt-4o-mini",
                        Duration.ofSeconds(60),
                        (c, v, f, m, p, r, l, o) -> {},
                        new SimpleMeterRegistry(),
                        java.time.Clock.systemUTC()),
                java.time.Clock.systemUTC())) {
            assertThat(engine.analyse(new CustomerId(UUID.randomUUID()), "warm up"))
                    .isPresent();
        }
    }

    @AfterAll
    static void stopStub() {
        server.stop();
    }

    @BeforeEach
    void engine() {
        server.resetAll();
        var timeout = Duration.ofMillis(1_500);
        // Spring AI 2's base URL includes /v1: the client then calls {base}/chat/completions
        var client = AiGateway.chatClient(
                "sk-test", server.baseUrl() + "/v1", "gpt-4o-mini", timeout, AiGateway.Format.JSON);
        engine = new OpenAiSentimentEngine(
                AiGateway.Channel.of(
                        "sentiment",
                        client,
                        "gpt-4o-mini",
                        timeout,
                        (c, conversation, feature, model, prompt, completion, latency, outcome) ->
                                outcomes.add(outcome.key() + ":" + prompt + ":" + completion),
                        meters,
                        java.time.Clock.systemUTC()),
                java.time.Clock.systemUTC());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static String completion(String content) {
        var escaped = content.replace("\\", "\\\\").replace("\"", "\\\"");
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":57,"completion_tokens":14,"total_tokens":71}}""".formatted(escaped);
    }

    void stub(int status, String body, int delayMillis) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)
                        .withFixedDelay(delayMillis)));
    }

    @Test
    void answersWithTheModelsValidatedJsonAndRecordsTokens() {
        stub(200, completion("{\"label\":\"negative\",\"score\":0.08,\"confidence\":0.93}"), 0);
        var result = engine.analyse(customer, "my order never arrived");
        assertThat(result).hasValueSatisfying(r -> {
            assertThat(r.label()).isEqualTo("negative");
            assertThat(r.score()).isEqualTo(0.08);
            assertThat(r.confidence()).isEqualTo(0.93);
            assertThat(r.model()).isEqualTo("openai:gpt-4o-mini");
        });
        assertThat(outcomes).containsExactly("success:57:14");
        assertThat(engine.availability()).isEqualTo(1.0);
    }

    @Test
    void neverSendsPersonalDataToOpenAi() {
        stub(200, completion("{\"label\":\"neutral\",\"score\":0.5,\"confidence\":0.7}"), 0);
        engine.analyse(
                customer,
                "Please call me on +44 7700 900123 or write to jane.doe@example.com about card 4111 1111 1111 1111");
        var body = server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                .getFirst()
                .getBodyAsString();
        assertThat(body)
                .doesNotContain("jane.doe@example.com", "7700 900123", "4111 1111 1111 1111")
                .contains("Please call me");
        assertThat(body).contains("gpt-4o-mini");
    }

    @Test
    void slowAnswerTimesOutAndFallsBack() {
        stub(200, completion("{\"label\":\"positive\",\"score\":0.9,\"confidence\":0.9}"), 6_000);
        var started = System.nanoTime();
        assertThat(engine.analyse(customer, "thanks, all good")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_500));
        assertThat(outcomes).singleElement().asString().startsWith("timeout");
        assertThat(meters.get(OpenAiSentimentEngine.ERRORS_METRIC)
                        .tag("reason", "timeout")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void rateLimitFallsBack() {
        stub(
                429,
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                0);
        assertThat(engine.analyse(customer, "where is my refund")).isEmpty();
        assertThat(outcomes).singleElement().asString().startsWith("rate_limited");
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))))
                .hasSize(1); // no SDK retries
    }

    @Test
    void serverErrorFallsBackAndFiveInARowOpenTheBreaker() {
        stub(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}", 0);
        for (var i = 0; i < 5; i++) {
            assertThat(engine.analyse(customer, "hello")).isEmpty();
        }
        assertThat(engine.circuitOpen()).isTrue();
        assertThat(engine.analyse(customer, "hello")).isEmpty();
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))))
                .hasSize(5);
        assertThat(outcomes).last().asString().startsWith("circuit_open");
        assertThat(engine.availability()).isZero();
    }

    @Test
    void malformedOrOutOfRangeOutputFallsBack() {
        stub(200, completion("I think it is negative"), 0);
        assertThat(engine.analyse(customer, "meh")).isEmpty();
        stub(200, completion("{\"label\":\"angry\",\"score\":0.1,\"confidence\":0.9}"), 0);
        assertThat(engine.analyse(customer, "meh")).isEmpty();
        stub(200, completion("{\"label\":\"negative\",\"score\":1.7,\"confidence\":0.9}"), 0);
        assertThat(engine.analyse(customer, "meh")).isEmpty();
        assertThat(outcomes).allSatisfy(o -> assertThat(o).startsWith("invalid_output"));
    }
}
