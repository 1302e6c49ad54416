package uk.co.omniops.escalation.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.escalation.Severity;

/**
 * Each channel against a WireMock stub: success, timeout, 4xx and 5xx. Payloads must be well-formed for the real
 * service; transient failures get a retry, permanent ones are kept as failed (never dropped).
 */
class NotificationChannelsTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static WireMockServer stub;
    static final Alert ALERT = new Alert(
            "6f1c2d9e-0000-4000-8000-000000000001",
            "TechSupport Co",
            "techsupport-co",
            "sentiment 0.12 (confidence 0.91) on “I want to speak to a <manager>”",
            "Negative sentiment",
            Severity.CRITICAL,
            "https://omniops.example/inbox/6f1c2d9e-0000-4000-8000-0000000000aa",
            Instant.parse("2025-03-01T10:15:30Z"));

    /** Short read timeout so the timeout case takes a second, not five. */
    final ChannelSender sender = new ChannelSender(Duration.ofSeconds(2), Duration.ofMillis(700));

    @BeforeAll
    static void start() {
        stub = new WireMockServer(options().dynamicPort());
        stub.start();
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @BeforeEach
    void reset() {
        stub.resetAll();
    }

    NotificationTargets.Targets targets() {
        var base = "http://localhost:" + stub.port();
        return new NotificationTargets.Targets(
                base + "/slack/T000/B000/XXX",
                "SG.test-key",
                "oncall@example.com",
                "alerts@example.com",
                base + "/v3/mail/send",
                "pd-routing-key",
                base + "/v2/enqueue");
    }

    static String path(NotificationChannel channel) {
        return switch (channel) {
            case SLACK -> "/slack/T000/B000/XXX";
            case EMAIL -> "/v3/mail/send";
            case PAGERDUTY -> "/v2/enqueue";
        };
    }

    static int okStatus(NotificationChannel channel) {
        return switch (channel) {
            case SLACK -> 200;
            case EMAIL -> 202;
            case PAGERDUTY -> 202;
        };
    }

    @ParameterizedTest
    @EnumSource(NotificationChannel.class)
    void successSendsAWellFormedPayload(NotificationChannel channel) {
        stub.stubFor(post(urlEqualTo(path(channel))).willReturn(aResponse().withStatus(okStatus(channel))));

        var result = sender.send(channel, ALERT, targets());

        assertThat(result.sent()).as(result.detail()).isTrue();
        var requests = stub.findAll(
                postRequestedFor(urlEqualTo(path(channel))).withHeader("Content-Type", equalTo("application/json")));
        assertThat(requests).hasSize(1);
        JsonNode body = JSON.readTree(requests.getFirst().getBodyAsString());
        switch (channel) {
            case SLACK -> {
                assertThat(body.path("text").asString())
                        .contains(
                                "CRITICAL",
                                "TechSupport Co",
                                "sentiment 0.12",
                                "<" + ALERT.link() + "|Open conversation>");
                assertThat(body.path("blocks").isArray()).isTrue();
                assertThat(body.path("customer").asString()).isEqualTo("techsupport-co");
                assertThat(body.path("severity").asString()).isEqualTo("critical");
                assertThat(body.path("link").asString()).isEqualTo(ALERT.link());
                // the reason's angle brackets are escaped inside mrkdwn blocks
                assertThat(body.path("blocks").toString()).contains("&lt;manager&gt;");
            }
            case EMAIL -> {
                assertThat(requests.getFirst().getHeader("Authorization")).isEqualTo("Bearer SG.test-key");
                assertThat(body.at("/personalizations/0/to/0/email").asString()).isEqualTo("oncall@example.com");
                assertThat(body.at("/from/email").asString()).isEqualTo("alerts@example.com");
                assertThat(body.path("subject").asString()).contains("CRITICAL", "TechSupport Co");
                assertThat(body.at("/content/0/type").asString()).isEqualTo("text/plain");
                assertThat(body.at("/content/0/value").asString()).contains(ALERT.link(), "Negative sentiment");
            }
            case PAGERDUTY -> {
                assertThat(body.path("routing_key").asString()).isEqualTo("pd-routing-key");
                assertThat(body.path("event_action").asString()).isEqualTo("trigger");
                assertThat(body.path("dedup_key").asString()).isEqualTo("omniops-escalation-" + ALERT.escalationId());
                assertThat(body.at("/payload/severity").asString()).isEqualTo("critical");
                assertThat(body.at("/payload/source").asString()).isEqualTo("omniops/techsupport-co");
                assertThat(body.at("/payload/summary").asString()).contains("TechSupport Co");
                assertThat(body.at("/links/0/href").asString()).isEqualTo(ALERT.link());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(NotificationChannel.class)
    void timeoutIsRetried(NotificationChannel channel) {
        stub.stubFor(post(urlEqualTo(path(channel)))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));

        var result = sender.send(channel, ALERT, targets());

        assertThat(result.sent()).isFalse();
        assertThat(result.permanent()).isFalse();
        assertThat(result.detail()).startsWith("timeout");
        assertRetryScheduled(result);
    }

    @ParameterizedTest
    @EnumSource(NotificationChannel.class)
    void serverErrorIsRetried(NotificationChannel channel) {
        stub.stubFor(post(urlEqualTo(path(channel)))
                .willReturn(aResponse().withStatus(503).withBody("try later")));

        var result = sender.send(channel, ALERT, targets());

        assertThat(result.sent()).isFalse();
        assertThat(result.permanent()).isFalse();
        assertThat(result.detail()).isEqualTo("HTTP 503 — try later");
        assertRetryScheduled(result);
    }

    @ParameterizedTest
    @EnumSource(NotificationChannel.class)
    void clientErrorFailsPermanentlyButIsKept(NotificationChannel channel) {
        stub.stubFor(post(urlEqualTo(path(channel)))
                .willReturn(aResponse().withStatus(400).withBody("{\"errors\":[{\"message\":\"invalid\"}]}")));

        var result = sender.send(channel, ALERT, targets());

        assertThat(result.sent()).isFalse();
        assertThat(result.permanent()).isTrue();
        assertThat(result.detail()).startsWith("HTTP 400 — ").contains("invalid");
        // no retry: the outbox marks it failed with this detail (visible on the desk), it is never deleted
        assertThat(RetryPolicy.nextAttempt(1, result.permanent(), Instant.now()))
                .isNull();
    }

    @ParameterizedTest
    @EnumSource(NotificationChannel.class)
    void rateLimitingIsRetried(NotificationChannel channel) {
        stub.stubFor(post(urlEqualTo(path(channel))).willReturn(aResponse().withStatus(429)));

        var result = sender.send(channel, ALERT, targets());

        assertThat(result.permanent()).isFalse();
        assertRetryScheduled(result);
    }

    @ParameterizedTest
    @EnumSource(NotificationChannel.class)
    void unreachableServerIsRetried(NotificationChannel channel) {
        var base = "http://localhost:1";
        var targets = new NotificationTargets.Targets(
                base + "/slack", "k", "a@example.com", null, base + "/mail", "pd", base + "/pd");

        var result = sender.send(channel, ALERT, targets);

        assertThat(result.sent()).isFalse();
        assertThat(result.permanent()).isFalse();
    }

    private static void assertRetryScheduled(ChannelSender.Result result) {
        var now = Instant.now();
        var next = RetryPolicy.nextAttempt(1, result.permanent(), now);
        assertThat(next).isNotNull().isAfter(now);
    }
}
