package uk.co.omniops.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Opens after {@code threshold} consecutive failures and stays open for {@code openFor}; then lets calls through
 * again (half open) and closes on the first success or re-opens on the first failure.
 */
public final class CircuitBreaker {

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    public synchronized boolean allows() {
        return !clock.instant().isBefore(openUntil);
    }

    public synchronized void success() {
        consecutiveFailures = 0;
        openUntil = Instant.MIN;
    }

    public synchronized void failure() {
        consecutiveFailures++;
        if (consecutiveFailures >= threshold) {
            openUntil = clock.instant().plus(openFor);
            consecutiveFailures = threshold - 1; // half open after the pause: one more failure re-opens
        }
    }

    public synchronized boolean open() {
        return !allows();
    }
}
