package uk.co.omniops.ops.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uk.co.omniops.escalation.OperationalAlerts;
import uk.co.omniops.escalation.internal.NotificationTargets;
import uk.co.omniops.ops.AlertSettings;
import uk.co.omniops.ops.OmniOpsMetrics;
import uk.co.omniops.platform.PlatformSettings;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * The seed's alert rules evaluated from meters: an ML outage fires once (PagerDuty + Slack), is not repeated
 * while it lasts, and resolves with an all-clear; the error-rate rule reads the request counters.
 */
@OmniOpsIntegrationTest
class AlertEvaluatorTests {

    @Autowired
    OperationalAlerts alerts;

    @Autowired
    NotificationTargets targets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    PlatformSettings platform;

    final WireMockServer stub = new WireMockServer(wireMockConfig().dynamicPort());
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AtomicReference<Double> availability = new AtomicReference<>(1.0);
    final AtomicReference<Double> redis = new AtomicReference<>(1.0);
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));
    AlertEvaluator evaluator;

    @BeforeEach
    void start() {
        stub.start();
        stub.stubFor(post(urlEqualTo("/slack")).willReturn(aResponse().withStatus(200)));
        stub.stubFor(post(urlEqualTo("/pagerduty")).willReturn(aResponse().withStatus(202)));
        var current = targets.current();
        targets.use(new NotificationTargets.Targets(
                stub.baseUrl() + "/slack",
                null,
                null,
                null,
                current.sendgridUrl(),
                "routing-key-test",
                stub.baseUrl() + "/pagerduty"));
        Gauge.builder(OmniOpsMetrics.ML_API_AVAILABILITY, availability, AtomicReference::get)
                .register(registry);
        Gauge.builder(OmniOpsMetrics.REDIS_AVAILABLE, redis, AtomicReference::get)
                .register(registry);
        var settings = new AlertSettings(
                false,
                Duration.ofSeconds(15),
                1.0,
                Duration.ofMinutes(5),
                20,
                0.95,
                Duration.ofMinutes(2),
                100,
                200,
                Duration.ofHours(1),
                Duration.ofMinutes(1));
        evaluator = new AlertEvaluator(registry, settings, alerts, jdbc, tx, platform, false);
        evaluator.useClock(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        });
        clear();
    }

    @AfterEach
    void stop() {
        targets.reset();
        stub.stop();
        clear();
    }

    void clear() {
        tx.execute(s -> jdbc.sql("delete from ops_alerts").update());
    }

    void tick(int seconds) {
        now.set(now.get().plusSeconds(seconds));
        evaluator.evaluate();
    }

    @Test
    void mlOutageFiresOnceAndResolves() {
        availability.set(0.5);
        tick(0);
        tick(60);
        assertThat(stub.getAllServeEvents())
                .as("not yet low for the whole 2 min")
                .isEmpty();
        tick(60);
        tick(30);
        tick(30);
        stub.verify(
                1,
                postRequestedFor(urlEqualTo("/slack"))
                        .withRequestBody(matchingJsonPath(
                                "$.text",
                                com.github.tomakehurst.wiremock.client.WireMock.containing("ML API availability"))));
        stub.verify(
                1,
                postRequestedFor(urlEqualTo("/pagerduty"))
                        .withRequestBody(matchingJsonPath("$.event_action", equalTo("trigger")))
                        .withRequestBody(matchingJsonPath("$.dedup_key", equalTo("omniops-ml-availability"))));
        assertThat(evaluator.recent(10)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("firing");
            assertThat(a.notifications()).contains("slack: sent", "pagerduty: sent");
        });

        availability.set(1.0);
        tick(30);
        tick(150);
        stub.verify(
                1,
                postRequestedFor(urlEqualTo("/pagerduty"))
                        .withRequestBody(matchingJsonPath("$.event_action", equalTo("resolve"))));
        assertThat(evaluator.recent(10))
                .singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo("resolved"));
    }

    @Test
    void errorRateAboveOnePercentFires() {
        var ok = Counter.builder(OmniOpsMetrics.REQUESTS)
                .tag("outcome", "success")
                .register(registry);
        var failed = Counter.builder(OmniOpsMetrics.REQUESTS)
                .tag("outcome", "server_error")
                .register(registry);
        tick(0);
        ok.increment(990);
        failed.increment(10);
        tick(60);
        assertThat(evaluator.states())
                .filteredOn(s -> s.rule().equals("ERROR_RATE"))
                .singleElement()
                .satisfies(s -> assertThat(s.breached())
                        .as("exactly 1 %% is not above 1 %%")
                        .isFalse());
        failed.increment(5);
        tick(60);
        assertThat(evaluator.recent(10)).anySatisfy(a -> assertThat(a.rule()).isEqualTo("ERROR_RATE"));
        stub.verify(
                1,
                postRequestedFor(urlEqualTo("/slack"))
                        .withRequestBody(matchingJsonPath(
                                "$.text", com.github.tomakehurst.wiremock.client.WireMock.containing("Error rate"))));
    }

    @Test
    void aFailingChannelIsRecordedNotFatal() {
        stub.stubFor(post(urlEqualTo("/slack")).willReturn(aResponse().withStatus(500)));
        availability.set(0.1);
        tick(0);
        tick(130);
        assertThat(evaluator.recent(10))
                .singleElement()
                .satisfies(a -> assertThat(a.notifications()).contains("slack: failed: HTTP 500", "pagerduty: sent"));
    }

    @Test
    void redisUnavailableForAMinuteRaisesAnAlertOnSystemHealthAndSlackButDoesNotPage() {
        redis.set(0.0);
        tick(0);
        tick(30);
        assertThat(evaluator.recent(10)).as("not yet down for the whole minute").isEmpty();
        tick(30);
        tick(15);
        assertThat(evaluator.states())
                .filteredOn(s -> s.rule().equals("REDIS_UNAVAILABLE"))
                .singleElement()
                .satisfies(s -> assertThat(s.breached()).isTrue());
        assertThat(evaluator.recent(10)).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("REDIS_UNAVAILABLE");
            assertThat(a.status()).isEqualTo("firing");
            assertThat(a.message()).contains("Redis");
        });
        stub.verify(
                1,
                postRequestedFor(urlEqualTo("/slack"))
                        .withRequestBody(matchingJsonPath(
                                "$.text", com.github.tomakehurst.wiremock.client.WireMock.containing("Redis"))));
        stub.verify(0, postRequestedFor(urlEqualTo("/pagerduty")));

        redis.set(1.0);
        tick(15);
        assertThat(evaluator.recent(10))
                .singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo("resolved"));
    }
}
