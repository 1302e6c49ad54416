package uk.co.omniops.suggestion.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Opens after {@code threshold} consecutive failures and stays open for {@code openFor}; then lets calls through
 * again (half open) and closes on the first success or re-opens on the first failure.
 */
final class CircuitBreaker {

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    synchronized boolean allows() {
        return !clock.instant().isBefore(openUntil);
    }

    synchronized void success() {
        consecutiveFailures = 0;
        openUntil = Instant.MIN;
    }

    synchronized void failure() {
        consecutiveFailures++;
        if (consecutiveFailures >= threshold) {
            openUntil = clock.instant().plus(openFor);
            consecutiveFailures = threshold - 1; // half open after the pause: one more failure re-opens
        }
    }

    synchronized boolean open() {
        return !allows();
    }
}
