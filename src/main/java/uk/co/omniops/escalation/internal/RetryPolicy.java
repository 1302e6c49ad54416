package uk.co.omniops.escalation.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential backoff for the notification outbox: 30 s, 1 min, 2 min, 4 min, 8 min (capped at 30 min); after
 * {@link #MAX_ATTEMPTS} attempts, or at once for a permanent error, the notification is marked failed (kept, with
 * its last error, visible on the desk; never deleted).
 */
final class RetryPolicy {

    public static final int MAX_ATTEMPTS = 6;
    static final Duration FIRST = Duration.ofSeconds(30);
    static final Duration CAP = Duration.ofMinutes(30);

    private RetryPolicy() {}

    /** After {@code attempts} failed attempts (1 after the first): when to try again, or null to give up. */
    public static @org.jspecify.annotations.Nullable Instant nextAttempt(int attempts, boolean permanent, Instant now) {
        if (permanent || attempts >= MAX_ATTEMPTS) {
            return null;
        }
        var delay = FIRST.multipliedBy(1L << Math.min(attempts - 1, 20));
        return now.plus(delay.compareTo(CAP) > 0 ? CAP : delay);
    }
}
