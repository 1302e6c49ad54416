package uk.co.omniops.rollout;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One change to a flag: who, when, what before and after (the flag as JSON), and the mandatory reason.
 * The actor {@code safeguard} or {@code scheduler} marks automatic changes.
 */
public record RolloutAuditEntry(
        UUID id,
        Instant at,
        String actor,
        String featureKey,
        String action,
        @Nullable String before,
        @Nullable String after,
        String reason) {}
