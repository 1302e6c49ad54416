package uk.co.omniops.analysis.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Resilience4j circuit breaker around one outbound dependency (an OpenAI model): it opens once the last
 * {@code threshold} calls all failed and stays open for {@code openFor}; then exactly one caller is let through
 * (half open), whose result closes it or opens it again. The hand-written breaker it replaces let every caller
 * through at half open (issue 21, finding 9).
 *
 * <p>Every {@link #allows()} that answers {@code true} must be followed by {@link #success()} or {@link #failure()}
 * from the same caller.
 */
public final class CircuitBreaker {

    private final io.github.resilience4j.circuitbreaker.CircuitBreaker breaker;

    public CircuitBreaker(String name, int threshold, Duration openFor, Clock clock) {
        this.breaker = io.github.resilience4j.circuitbreaker.CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .slidingWindow(threshold, threshold, SlidingWindowType.COUNT_BASED)
                        .failureRateThreshold(100)
                        .waitDurationInOpenState(openFor)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .recordExceptions(Throwable.class)
                        .clock(clock)
                        .build());
    }

    /** Takes a permission to call; false while open (and at half open once the one trial call is out). */
    public boolean allows() {
        return breaker.tryAcquirePermission();
    }

    public void success() {
        breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    }

    public void failure() {
        breaker.onError(0, TimeUnit.NANOSECONDS, Failure.INSTANCE);
    }

    /** Open: callers are turned away (the health page and the gauges read this). */
    public boolean open() {
        var state = breaker.getState();
        return state == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN
                || state == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.FORCED_OPEN;
    }

    /** What {@link #failure()} records: our callers classify failures themselves (timeout, refusal, bad output). */
    private static final class Failure extends RuntimeException {
        static final Failure INSTANCE = new Failure();

        private Failure() {
            super("call failed", null, false, false);
        }
    }
}
