package uk.co.omniops.rollout;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The seed's {@code FEATURE_*} variables: global kill switches. {@code false} turns a feature off for every
 * customer whatever the rollout says; {@code true} leaves the decision to the rollout.
 */
@Validated
@ConfigurationProperties("omniops.features")
public record FeatureSettings(
        @DefaultValue("true") boolean sentimentAnalysis,
        @DefaultValue("true") boolean responseSuggestions,
        @DefaultValue("true") boolean autoCategorization,
        @DefaultValue("true") boolean predictiveAnalytics,
        @DefaultValue("true") boolean autoEscalation,
        @DefaultValue("true") boolean conversationInsights,
        @Nullable String launchdarklySdkKey) {}
