package uk.co.omniops.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.launchdarkly.sdk.server.integrations.FileData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureSettings;
import uk.co.omniops.rollout.FlagDefinition;
import uk.co.omniops.rollout.FlagReason;
import uk.co.omniops.rollout.RolloutTestSupport;

/**
 * The LAUNCHDARKLY_SDK_KEY path without network: the SDK's {@code FileData} source in auto-update mode stands in for
 * the stream (a file change plays a flag change pushed by LaunchDarkly), and an unreachable LaunchDarkly shows that
 * startup never blocks longer than {@code startWait} and that flags then default to off.
 */
class LaunchDarklyStreamingTests {

    static final FeatureSettings ALL_ON = new FeatureSettings(true, true, true, true, true, true, "sdk-test-key");

    @TempDir
    Path dir;

    static String flags(int percentage, boolean on, Set<String> whitelist, int version) {
        var json = new StringBuilder("{\"flags\":{");
        var first = true;
        for (var f : Feature.values()) {
            json.append(first ? "" : ",")
                    .append('"')
                    .append(f.key())
                    .append("\":")
                    .append(FlagJson.toJson(new FlagDefinition(
                            f,
                            on,
                            percentage,
                            whitelist,
                            Set.of(),
                            f.key() + "-salt",
                            version,
                            false,
                            null,
                            "test",
                            Instant.EPOCH)));
            first = false;
        }
        return json.append("}}").toString();
    }

    @Test
    void flagsStreamedFromLaunchDarklyAreEvaluatedAndUpdatesArriveWithoutRestart() throws Exception {
        var file = dir.resolve("flags.json");
        var beta = RolloutTestSupport.synthetic(1);
        var other = RolloutTestSupport.synthetic(2);
        Files.writeString(file, flags(0, true, Set.of(beta.slug()), 1));
        try (var flags = FlagEvaluator.launchDarkly(
                "sdk-test-key",
                ALL_ON,
                Duration.ofSeconds(5),
                FileData.dataSource().filePaths(file).autoUpdate(true))) {
            assertThat(flags.status().initialized()).isTrue();
            assertThat(flags.status().source()).isEqualTo("launchdarkly");
            assertThat(flags.status().note()).isNull();
            var betaFlag = flags.evaluate(beta, Feature.SENTIMENT_ANALYSIS);
            assertThat(betaFlag.enabled()).isTrue();
            assertThat(betaFlag.reason()).isEqualTo(FlagReason.LAUNCHDARKLY);
            assertThat(betaFlag.explanation()).isEqualTo("LaunchDarkly streaming: individually targeted");
            assertThat(flags.evaluate(other, Feature.SENTIMENT_ANALYSIS).enabled())
                    .isFalse();

            // LaunchDarkly pushes "100 %" (here: the file changes)
            Files.writeString(file, flags(100, true, Set.of(), 2));
            var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!flags.evaluate(other, Feature.SENTIMENT_ANALYSIS).enabled() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(flags.evaluate(other, Feature.SENTIMENT_ANALYSIS).enabled())
                    .isTrue();
            assertThat(flags.evaluate(other, Feature.RESPONSE_SUGGESTIONS).enabled())
                    .isTrue();
        }
    }

    @Test
    void theEnvironmentKillSwitchAlsoBeatsLaunchDarkly() throws Exception {
        var file = dir.resolve("flags.json");
        Files.writeString(file, flags(100, true, Set.of(), 1));
        var env = new FeatureSettings(true, true, true, true, false, true, "sdk-test-key");
        try (var flags = FlagEvaluator.launchDarkly(
                "sdk-test-key",
                env,
                Duration.ofSeconds(5),
                FileData.dataSource().filePaths(file))) {
            var c = RolloutTestSupport.synthetic(3);
            assertThat(flags.evaluate(c, Feature.AUTO_ESCALATION).reason()).isEqualTo(FlagReason.KILLED_BY_ENV);
            assertThat(flags.evaluate(c, Feature.AUTO_ESCALATION).enabled()).isFalse();
            assertThat(flags.evaluate(c, Feature.SENTIMENT_ANALYSIS).enabled()).isTrue();
        }
    }

    @Test
    void anUnreachableLaunchDarklyNeverBlocksStartupAndFlagsDefaultToOff() throws Exception {
        var started = System.nanoTime();
        try (var flags =
                FlagEvaluator.launchDarkly("sdk-test-key", ALL_ON, Duration.ofSeconds(1), null, "http://127.0.0.1:9")) {
            var waited = Duration.ofNanos(System.nanoTime() - started);
            // the start waits 1 s; the bound only says "does not hang", generous for a loaded 2-core machine
            assertThat(waited).isLessThan(Duration.ofSeconds(15));
            var status = flags.status();
            assertThat(status.initialized()).isFalse();
            assertThat(status.note()).contains("safe default");
            var flag = flags.evaluate(RolloutTestSupport.synthetic(4), Feature.SENTIMENT_ANALYSIS);
            assertThat(flag.enabled()).isFalse();
            assertThat(flag.reason()).isEqualTo(FlagReason.UNAVAILABLE);
        }
    }
}
