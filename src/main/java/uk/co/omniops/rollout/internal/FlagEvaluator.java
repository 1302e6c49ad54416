package uk.co.omniops.rollout.internal;

import com.launchdarkly.sdk.ContextKind;
import com.launchdarkly.sdk.EvaluationDetail;
import com.launchdarkly.sdk.EvaluationReason;
import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.Components;
import com.launchdarkly.sdk.server.LDClient;
import com.launchdarkly.sdk.server.LDConfig;
import com.launchdarkly.sdk.server.subsystems.ComponentConfigurer;
import com.launchdarkly.sdk.server.subsystems.DataSource;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.rollout.EffectiveFlag;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureSettings;
import uk.co.omniops.rollout.FlagReason;
import uk.co.omniops.rollout.RolloutStatus;
import uk.co.omniops.tenancy.Customer;

/**
 * One LaunchDarkly client plus the {@code FEATURE_*} environment kill switches: the only place a flag is decided.
 * Either streams from LaunchDarkly or is fed by a {@link DatabaseFlagSource}; construction waits at most
 * {@code startWait} (then flags are off until data arrives).
 */
final class FlagEvaluator implements Closeable {

    public static final String SOURCE_DATABASE = "database";
    public static final String SOURCE_LAUNCHDARKLY = "launchdarkly";

    private final LDClient client;
    private final String source;
    private final @Nullable DatabaseFlagSource database;
    private final FeatureSettings env;

    private FlagEvaluator(LDClient client, String source, @Nullable DatabaseFlagSource database, FeatureSettings env) {
        this.client = client;
        this.source = source;
        this.database = database;
        this.env = env;
    }

    /** Fed from our PostgreSQL flag tables; no network. */
    public static FlagEvaluator database(RolloutStore store, FeatureSettings env, Duration startWait) {
        var feed = new DatabaseFlagSource(store);
        var config = new LDConfig.Builder()
                .dataSource(feed)
                .events(Components.noEvents())
                .diagnosticOptOut(true)
                .startWait(startWait)
                .build();
        return new FlagEvaluator(new LDClient("omniops-database-flags", config), SOURCE_DATABASE, feed, env);
    }

    /**
     * Streams from LaunchDarkly with the SDK key. {@code dataSource} replaces the stream (tests: {@code FileData} or
     * {@code TestData}); null for the real stream.
     */
    public static FlagEvaluator launchDarkly(
            String sdkKey,
            FeatureSettings env,
            Duration startWait,
            @Nullable ComponentConfigurer<DataSource> dataSource) {
        return launchDarkly(sdkKey, env, startWait, dataSource, null);
    }

    /** As above, against another LaunchDarkly base URI (a relay proxy, or an unreachable one in tests). */
    public static FlagEvaluator launchDarkly(
            String sdkKey,
            FeatureSettings env,
            Duration startWait,
            @Nullable ComponentConfigurer<DataSource> dataSource,
            @Nullable String baseUri) {
        var builder = new LDConfig.Builder().startWait(startWait);
        if (baseUri != null) {
            builder.serviceEndpoints(Components.serviceEndpoints().relayProxy(baseUri))
                    .events(Components.noEvents())
                    .diagnosticOptOut(true);
        }
        if (dataSource != null) {
            builder.dataSource(dataSource).events(Components.noEvents()).diagnosticOptOut(true);
        }
        return new FlagEvaluator(new LDClient(sdkKey, builder.build()), SOURCE_LAUNCHDARKLY, null, env);
    }

    /** The customer as a LaunchDarkly context: kind {@code customer}, key = slug, with plan, region and name. */
    public static LDContext context(Customer customer) {
        return LDContext.builder(ContextKind.of(FlagJson.CONTEXT_KIND), customer.slug())
                .name(customer.name())
                .set("plan", customer.plan())
                .set("region", customer.region())
                .build();
    }

    public EffectiveFlag evaluate(Customer customer, Feature feature) {
        if (!envAllows(feature)) {
            return new EffectiveFlag(
                    feature, false, FlagReason.KILLED_BY_ENV, "killed by env: " + envName(feature) + "=false");
        }
        var prerequisite = feature.prerequisite().orElse(null);
        if (prerequisite != null && !envAllows(prerequisite)) {
            return new EffectiveFlag(
                    feature,
                    false,
                    FlagReason.KILLED_BY_ENV,
                    "killed by env: prerequisite " + prerequisite.key() + " (" + envName(prerequisite) + "=false)");
        }
        var detail = client.boolVariationDetail(feature.key(), context(customer), false);
        return explain(feature, detail);
    }

    private EffectiveFlag explain(Feature feature, EvaluationDetail<Boolean> detail) {
        boolean on = Boolean.TRUE.equals(detail.getValue());
        EvaluationReason reason = detail.getReason();
        if (reason.getKind() == EvaluationReason.Kind.ERROR) {
            return new EffectiveFlag(
                    feature,
                    false,
                    FlagReason.UNAVAILABLE,
                    "no flag data (" + reason.getErrorKind() + "): safe default off");
        }
        if (database == null) {
            return new EffectiveFlag(
                    feature, on, FlagReason.LAUNCHDARKLY, "LaunchDarkly streaming: " + describe(reason));
        }
        var definition = database.current().get(feature);
        var percentage = definition == null ? 0 : definition.percentage();
        return switch (reason.getKind()) {
            case OFF ->
                new EffectiveFlag(feature, false, FlagReason.FLAG_OFF, "flag off (kill switch on the rollout page)");
            case TARGET_MATCH -> new EffectiveFlag(feature, on, FlagReason.WHITELISTED, "whitelisted");
            case RULE_MATCH ->
                FlagJson.BLOCKLIST_RULE.equals(reason.getRuleId())
                        ? new EffectiveFlag(feature, on, FlagReason.BLOCKLISTED, "blocklisted")
                        : new EffectiveFlag(
                                feature,
                                on,
                                on ? FlagReason.IN_ROLLOUT : FlagReason.OUTSIDE_ROLLOUT,
                                "rule " + reason.getRuleId());
            case PREREQUISITE_FAILED ->
                new EffectiveFlag(
                        feature,
                        false,
                        FlagReason.PREREQUISITE_OFF,
                        "prerequisite " + reason.getPrerequisiteKey() + " is off");
            case FALLTHROUGH ->
                on
                        ? new EffectiveFlag(feature, true, FlagReason.IN_ROLLOUT, "in the " + percentage + " % bucket")
                        : new EffectiveFlag(
                                feature, false, FlagReason.OUTSIDE_ROLLOUT, "outside the " + percentage + " % bucket");
            case ERROR -> new EffectiveFlag(feature, false, FlagReason.UNAVAILABLE, "no flag data: safe default off");
        };
    }

    private static String describe(EvaluationReason reason) {
        return switch (reason.getKind()) {
            case OFF -> "flag off";
            case TARGET_MATCH -> "individually targeted";
            case RULE_MATCH -> "rule " + (reason.getRuleId() == null ? reason.getRuleIndex() : reason.getRuleId());
            case PREREQUISITE_FAILED -> "prerequisite " + reason.getPrerequisiteKey() + " is off";
            case FALLTHROUGH -> "default rule (rollout)";
            case ERROR -> "error " + reason.getErrorKind();
        };
    }

    public boolean envAllows(Feature feature) {
        return switch (feature) {
            case SENTIMENT_ANALYSIS -> env.sentimentAnalysis();
            case RESPONSE_SUGGESTIONS -> env.responseSuggestions();
            case AUTO_CATEGORIZATION -> env.autoCategorization();
            case PREDICTIVE_ANALYTICS -> env.predictiveAnalytics();
            case AUTO_ESCALATION -> env.autoEscalation();
            case CONVERSATION_INSIGHTS -> env.conversationInsights();
        };
    }

    public static String envName(Feature feature) {
        return "FEATURE_" + feature.key().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Re-reads the database (no-op when streaming from LaunchDarkly). */
    public void refresh() {
        if (database != null) {
            database.refresh();
        }
    }

    public String source() {
        return source;
    }

    public RolloutStatus status() {
        var status = client.getDataSourceStatusProvider().getStatus();
        var state = status.getState().name();
        String note = null;
        if (!client.isInitialized()) {
            note = SOURCE_LAUNCHDARKLY.equals(source)
                    ? "LaunchDarkly not reached yet: every flag off (safe default) until the stream connects"
                    : "flag tables not read yet: every flag off (safe default)";
        } else if (!"VALID".equals(state)) {
            note = "flag source " + state.toLowerCase(Locale.ROOT) + ": serving last-known values";
        }
        return new RolloutStatus(source, client.isInitialized(), state, note);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
