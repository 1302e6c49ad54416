package uk.co.omniops.rollout;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A scheduled ramp step: set the feature to {@code percentage} at {@code dueAt}, unless the feature's error rate is
 * above {@code safeguardThresholdPercent} (then the ramp pauses).
 */
public record RolloutStep(
        UUID id,
        Feature feature,
        int percentage,
        Instant dueAt,
        double safeguardThresholdPercent,
        Status status,
        String createdBy,
        @Nullable Instant appliedAt) {

    public enum Status {
        PENDING,
        APPLIED,
        PAUSED,
        CANCELLED
    }
}
