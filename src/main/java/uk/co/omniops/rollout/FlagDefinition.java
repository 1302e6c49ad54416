package uk.co.omniops.rollout;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One feature's rollout as stored in PostgreSQL (the source of the LaunchDarkly flag when no SDK key is set).
 *
 * @param on false when the rollout page's kill switch is thrown (the flag serves its off variation)
 * @param percentage 0..100 of customers (by LaunchDarkly's bucketing of the customer slug with {@code salt})
 * @param whitelist customer slugs that get the feature whatever the percentage
 * @param blocklist customer slugs that never get it (unless whitelisted, which the management API prevents)
 * @param version the LaunchDarkly item version, incremented on every change
 */
public record FlagDefinition(
        Feature feature,
        boolean on,
        int percentage,
        Set<String> whitelist,
        Set<String> blocklist,
        String salt,
        int version,
        boolean rampPaused,
        @Nullable String pausedReason,
        String updatedBy,
        Instant updatedAt) {}
