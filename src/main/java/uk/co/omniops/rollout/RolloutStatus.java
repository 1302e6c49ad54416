package uk.co.omniops.rollout;

import org.jspecify.annotations.Nullable;

/**
 * How flags are being evaluated on this replica, for the readiness probe and the rollout page.
 *
 * @param source {@code launchdarkly} (streaming with LAUNCHDARKLY_SDK_KEY) or {@code database} (our PostgreSQL source)
 * @param initialized whether the SDK has received a full flag set (if not, every flag is off: the safe default)
 * @param state the SDK's data source state: INITIALIZING, VALID, INTERRUPTED or OFF
 * @param note a readiness note (never a failure: flags fall back to last-known values or off)
 */
public record RolloutStatus(
        String source,
        boolean initialized,
        String state,
        @Nullable String note) {}
