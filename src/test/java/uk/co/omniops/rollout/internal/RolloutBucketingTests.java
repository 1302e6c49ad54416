package uk.co.omniops.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import uk.co.omniops.rollout.EffectiveFlag;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureSettings;
import uk.co.omniops.rollout.FlagDefinition;
import uk.co.omniops.rollout.FlagReason;
import uk.co.omniops.rollout.RolloutManagement;
import uk.co.omniops.rollout.RolloutStep;
import uk.co.omniops.rollout.RolloutTestSupport;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * The PostgreSQL-fed LaunchDarkly path end to end: our flag rows → LaunchDarkly flag JSON → the real SDK's bucketing,
 * targeting and prerequisites, over 1,000 synthetic customer contexts.
 */
@OmniOpsIntegrationTest
class RolloutBucketingTests {

    static final int CUSTOMERS = 1_000;
    static final String ACTOR = RolloutTestSupport.ACTOR;

    @Autowired
    RolloutManagement rollout;

    @Autowired
    RolloutStore store;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RedisConnectionFactory redis;

    List<FlagDefinition> saved;

    @BeforeEach
    void save() {
        saved = RolloutTestSupport.snapshot(rollout);
    }

    @AfterEach
    void restore() {
        RolloutTestSupport.restore(rollout, saved);
    }

    Set<String> inBucket(Feature feature) {
        var in = new HashSet<String>();
        for (int i = 0; i < CUSTOMERS; i++) {
            var c = RolloutTestSupport.synthetic(i);
            var flag = rollout.evaluate(c, feature);
            assertThat(flag.reason()).isIn(FlagReason.IN_ROLLOUT, FlagReason.OUTSIDE_ROLLOUT);
            if (flag.enabled()) {
                in.add(c.slug());
            }
        }
        return in;
    }

    @Test
    void percentageRolloutIsWithinToleranceAndRaisingItNeverTurnsAnyoneOff() {
        var f = Feature.AUTO_CATEGORIZATION;
        rollout.setWhitelist(f, Set.of(), ACTOR, "bucketing test");
        rollout.setBlocklist(f, Set.of(), ACTOR, "bucketing test");
        Set<String> previous = Set.of();
        var figures = new StringBuilder();
        for (int percentage : new int[] {0, 10, 20, 30, 50, 80, 100}) {
            rollout.setPercentage(f, percentage, ACTOR, "bucketing test " + percentage);
            var in = inBucket(f);
            figures.append(percentage).append(" % -> ").append(in.size() / 10.0).append(" %; ");
            assertThat(in.size())
                    .as("customers in at %d %%", percentage)
                    .isBetween(percentage * 10 - 50, percentage * 10 + 50);
            assertThat(in)
                    .as("everyone in before is still in at %d %%", percentage)
                    .containsAll(previous);
            previous = in;
        }
        assertThat(previous).hasSize(CUSTOMERS);
        System.out.println("Rollout bucketing over " + CUSTOMERS + " customers: " + figures);
    }

    @Test
    void aDependentFeatureIsOffWhenItsPrerequisiteIsOff() {
        var c = RolloutTestSupport.synthetic(7);
        rollout.setPercentage(Feature.RESPONSE_SUGGESTIONS, 100, ACTOR, "prerequisite test");
        rollout.setWhitelist(Feature.AUTO_ESCALATION, Set.of(c.slug()), ACTOR, "prerequisite test");
        assertThat(rollout.evaluate(c, Feature.RESPONSE_SUGGESTIONS).enabled()).isTrue();

        rollout.setKillSwitch(Feature.SENTIMENT_ANALYSIS, true, ACTOR, "prerequisite test");

        var suggestions = rollout.evaluate(c, Feature.RESPONSE_SUGGESTIONS);
        assertThat(suggestions.enabled()).isFalse();
        assertThat(suggestions.reason()).isEqualTo(FlagReason.PREREQUISITE_OFF);
        assertThat(suggestions.explanation()).contains("sentiment-analysis");
        var escalation = rollout.evaluate(c, Feature.AUTO_ESCALATION);
        assertThat(escalation.enabled())
                .as("whitelisted, but the prerequisite is off")
                .isFalse();
        assertThat(escalation.reason()).isEqualTo(FlagReason.PREREQUISITE_OFF);
        assertThat(rollout.evaluate(c, Feature.SENTIMENT_ANALYSIS).reason()).isEqualTo(FlagReason.FLAG_OFF);
        assertThat(rollout.evaluate(c, Feature.AUTO_CATEGORIZATION).enabled())
                .as("independent")
                .isTrue();
    }

    @Test
    void whitelistBeatsZeroPercentAndBlocklistBeatsHundred() {
        var a = RolloutTestSupport.synthetic(1);
        var b = RolloutTestSupport.synthetic(2);
        var f = Feature.CONVERSATION_INSIGHTS;
        rollout.setPercentage(f, 0, ACTOR, "lists test");
        rollout.setWhitelist(f, Set.of(a.slug()), ACTOR, "lists test");
        assertThat(rollout.evaluate(a, f))
                .extracting(EffectiveFlag::enabled, EffectiveFlag::reason)
                .containsExactly(true, FlagReason.WHITELISTED);
        assertThat(rollout.evaluate(b, f))
                .extracting(EffectiveFlag::enabled, EffectiveFlag::reason)
                .containsExactly(false, FlagReason.OUTSIDE_ROLLOUT);
        assertThat(rollout.evaluate(b, f).explanation()).isEqualTo("outside the 0 % bucket");

        rollout.setPercentage(f, 100, ACTOR, "lists test");
        rollout.setBlocklist(f, Set.of(b.slug()), ACTOR, "lists test");
        assertThat(rollout.evaluate(b, f))
                .extracting(EffectiveFlag::enabled, EffectiveFlag::reason)
                .containsExactly(false, FlagReason.BLOCKLISTED);
        assertThat(rollout.evaluate(RolloutTestSupport.synthetic(3), f).explanation())
                .isEqualTo("in the 100 % bucket");

        rollout.blocklistAdd(f, Set.of(a.slug()), ACTOR, "a customer cannot be on both lists");
        assertThat(rollout.flag(f).whitelist()).doesNotContain(a.slug());
        assertThat(rollout.evaluate(a, f).reason()).isEqualTo(FlagReason.BLOCKLISTED);
    }

    @Test
    void anEnvironmentKillSwitchBeatsEverythingThePageSays() throws Exception {
        var c = RolloutTestSupport.synthetic(5);
        rollout.setPercentage(Feature.SENTIMENT_ANALYSIS, 100, ACTOR, "env test");
        rollout.setWhitelist(Feature.SENTIMENT_ANALYSIS, Set.of(c.slug()), ACTOR, "env test");
        // another replica started with FEATURE_SENTIMENT_ANALYSIS=false, reading the same flag tables
        var env = new FeatureSettings(false, true, true, true, true, true, null);
        try (var replica = FlagEvaluator.database(store, env, Duration.ofSeconds(5))) {
            var sentiment = replica.evaluate(c, Feature.SENTIMENT_ANALYSIS);
            assertThat(sentiment.enabled()).isFalse();
            assertThat(sentiment.reason()).isEqualTo(FlagReason.KILLED_BY_ENV);
            assertThat(sentiment.explanation()).isEqualTo("killed by env: FEATURE_SENTIMENT_ANALYSIS=false");
            var suggestions = replica.evaluate(c, Feature.RESPONSE_SUGGESTIONS);
            assertThat(suggestions.enabled()).isFalse();
            assertThat(suggestions.reason()).isEqualTo(FlagReason.KILLED_BY_ENV);
            assertThat(suggestions.explanation()).contains("prerequisite sentiment-analysis");
            assertThat(replica.evaluate(c, Feature.AUTO_CATEGORIZATION).enabled())
                    .isTrue();
        }
        assertThat(rollout.evaluate(c, Feature.SENTIMENT_ANALYSIS).reason()).isEqualTo(FlagReason.WHITELISTED);
    }

    @Test
    void everyChangeLeavesAnAuditRowWithActorReasonBeforeAndAfter() throws Exception {
        var f = Feature.PREDICTIVE_ANALYTICS;
        var before = rollout.auditLog(10_000).size();
        rollout.setPercentage(f, 37, "alice@omniops", "ramp to 37");
        rollout.whitelistAdd(f, Set.of("synthetic-0001"), "alice@omniops", "beta for 1");
        rollout.whitelistRemove(f, Set.of("synthetic-0001"), "alice@omniops", "beta over");
        rollout.blocklistAdd(f, Set.of("synthetic-0002"), "alice@omniops", "asked to opt out");
        rollout.blocklistRemove(f, Set.of("synthetic-0002"), "alice@omniops", "opted in again");
        rollout.setKillSwitch(f, true, "alice@omniops", "incident 42");
        rollout.setKillSwitch(f, false, "alice@omniops", "incident 42 resolved");
        rollout.scheduleStep(f, 60, Instant.now().plus(Duration.ofDays(2)), 2.0, "alice@omniops", "next week");
        var log = rollout.auditLog(10_000);
        assertThat(log).hasSize(before + 8);
        var newest = log.subList(0, 8);
        assertThat(newest).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("alice@omniops");
            assertThat(e.featureKey()).isEqualTo(f.key());
            assertThat(e.reason()).isNotBlank();
        });
        var ramp = newest.stream()
                .filter(e -> e.reason().equals("ramp to 37"))
                .findFirst()
                .orElseThrow();
        assertThat(ramp.after()).contains("\"percentage\": 37");
        assertThat(ramp.before()).doesNotContain("\"percentage\": 37");
        var kill = newest.stream()
                .filter(e -> e.reason().equals("incident 42"))
                .findFirst()
                .orElseThrow();
        assertThat(kill.before()).contains("\"on\": true");
        assertThat(kill.after()).contains("\"on\": false");

        assertThatThrownBy(() -> rollout.setPercentage(f, 40, "alice@omniops", "  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
        assertThat(rollout.auditLog(10_000)).hasSize(before + 8);

        var csv = rollout.auditCsv();
        assertThat(CSVFormat.RFC4180
                        .parse(new StringReader(csv))
                        .getRecords()
                        .getFirst()
                        .values())
                .containsExactly("at", "actor", "feature", "action", "reason", "before", "after");
        assertThat(csv).contains("\"alice@omniops\"", "\"incident 42 resolved\"");
        assertThat(csv.getBytes(StandardCharsets.UTF_8).length).isPositive();
    }

    @Test
    void aChangeReachesAnotherReplicaThroughRedisWithinOneSecond() throws Exception {
        var f = Feature.PREDICTIVE_ANALYTICS;
        var c = RolloutTestSupport.synthetic(11);
        rollout.setPercentage(f, 0, ACTOR, "propagation test");
        try (var replica = FlagEvaluator.database(store, allOn(), Duration.ofSeconds(5))) {
            // replica B hears the other replicas only through Redis pub/sub, as a separate pod would
            var container = new RedisMessageListenerContainer();
            container.setConnectionFactory(redis);
            container.addMessageListener(
                    (message, pattern) -> {
                        if (new String(message.getBody(), StandardCharsets.UTF_8).contains("|rollout.changed|")) {
                            replica.refresh();
                        }
                    },
                    new ChannelTopic("omniops:live-updates"));
            container.afterPropertiesSet();
            container.start();
            try {
                Thread.sleep(300); // subscription established
                assertThat(replica.evaluate(c, f).enabled()).isFalse();
                var started = System.nanoTime();
                rollout.whitelistAdd(f, Set.of(c.slug()), ACTOR, "propagation test");
                var seen = new AtomicReference<EffectiveFlag>();
                while (System.nanoTime() - started < 2_000_000_000L) {
                    seen.set(replica.evaluate(c, f));
                    if (seen.get().enabled()) {
                        break;
                    }
                    Thread.sleep(5);
                }
                var millis = (System.nanoTime() - started) / 1_000_000;
                System.out.println("Rollout change reached the other replica in " + millis + " ms");
                assertThat(seen.get().reason()).isEqualTo(FlagReason.WHITELISTED);
                assertThat(millis).isLessThan(1_000);
                assertThat(replica.evaluate(RolloutTestSupport.synthetic(12), f).enabled())
                        .isFalse();
            } finally {
                container.stop();
                container.destroy();
            }
        }
    }

    @Test
    void aSafeguardPausesTheRampWhenTheErrorRateIsTooHigh() {
        var f = Feature.CONVERSATION_INSIGHTS;
        rollout.setPercentage(f, 10, ACTOR, "safeguard test");
        meters.counter("omniops.jobs.failed", "type", f.key()).increment(42);
        meters.counter("omniops.jobs.processed", "type", f.key()).increment(958);
        try {
            rollout.scheduleStep(f, 50, Instant.now().minusSeconds(1), 2.0, ACTOR, "ramp to 50");
            rollout.applyDueSteps(Instant.now());

            var flag = rollout.flag(f);
            assertThat(flag.percentage()).isEqualTo(10);
            assertThat(flag.rampPaused()).isTrue();
            assertThat(flag.pausedReason()).isEqualTo("paused by safeguard: error rate 4.2 % > 2 %");
            assertThat(rollout.steps())
                    .filteredOn(s -> s.feature() == f)
                    .extracting(RolloutStep::status)
                    .containsOnly(RolloutStep.Status.PAUSED);
            assertThat(rollout.auditLog(5)).anySatisfy(e -> {
                assertThat(e.actor()).isEqualTo("safeguard");
                assertThat(e.reason()).isEqualTo("paused by safeguard: error rate 4.2 % > 2 %");
            });

            meters.counter("omniops.jobs.processed", "type", f.key()).increment(1_000_000); // healthy again
            rollout.resumeRamp(f, ACTOR, "fixed the model timeout");
            rollout.applyDueSteps(Instant.now());
            assertThat(rollout.flag(f).percentage()).isEqualTo(50);
            assertThat(rollout.flag(f).rampPaused()).isFalse();
            assertThat(rollout.auditLog(5))
                    .anySatisfy(e -> assertThat(e.actor()).isEqualTo("scheduler"));
        } finally {
            meters.counter("omniops.jobs.processed", "type", f.key()).increment(10_000_000);
        }
    }

    static FeatureSettings allOn() {
        return new FeatureSettings(true, true, true, true, true, true, null);
    }

    static Customer customer(int i) {
        return RolloutTestSupport.synthetic(i);
    }
}
