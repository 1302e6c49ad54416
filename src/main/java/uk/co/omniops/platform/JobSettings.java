package uk.co.omniops.platform;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job queue's knobs ({@code omniops.jobs.*}).
 *
 * @param maxAttempts runs before a job is dead
 * @param backoff first retry delay; doubled per attempt, capped at {@code maxBackoff}
 * @param concurrency jobs run at once per type on this replica
 * @param backgroundConcurrency the same for background types ({@link JobHandler#background()}, e.g. a backfill):
 *     low, so that they take what live work leaves
 * @param claimIdle stream entries unacknowledged for longer are reclaimed by another consumer ({@code XAUTOCLAIM})
 * @param sweepInterval how often queued jobs whose stream entry was lost are published again
 * @param stuckAfter a {@code running} job not updated for this long is considered lost (its replica died) and is
 *     run again; longer than any handler runs (an analysis takes milliseconds, an external model call is cut off
 *     after its timeout of a few seconds)
 * @param batchSize most jobs of a batching type ({@link JobHandler#batches()}) one worker claims and runs together:
 *     a worker takes what is waiting, up to this many, so a batch is 1 when the queue is idle and grows with the
 *     backlog (decision 008)
 */
@Validated
@ConfigurationProperties("omniops.jobs")
public record JobSettings(
        @Min(1) @Max(50) @DefaultValue("5") int maxAttempts,
        @DefaultValue("2s") Duration backoff,
        @DefaultValue("5m") Duration maxBackoff,
        @Min(1) @Max(64) @DefaultValue("4") int concurrency,
        @Min(1) @Max(64) @DefaultValue("1") int backgroundConcurrency,
        @DefaultValue("60s") Duration claimIdle,
        @DefaultValue("10s") Duration sweepInterval,
        @DefaultValue("60s") Duration stuckAfter,
        @Min(1) @Max(1000) @DefaultValue("200") int batchSize) {

    /** Delay before the next attempt after {@code attempts} failed runs (1 → backoff, 2 → 2×backoff, …). */
    public Duration backoffAfter(int attempts) {
        var shift = Math.min(Math.max(attempts - 1, 0), 20);
        var millis = backoff.toMillis() * (1L << shift);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
