package uk.co.omniops.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTests {

    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void opensAfterFiveFailuresInARowForThirtySecondsThenLetsOneTrialCallThrough() {
        var breaker = new CircuitBreaker("test", 5, Duration.ofSeconds(30), clock);
        for (var i = 0; i < 4; i++) {
            breaker.failure();
        }
        breaker.success();
        for (var i = 0; i < 4; i++) {
            breaker.failure();
        }
        assertThat(breaker.allows()).as("4 failures after a success").isTrue();
        breaker.failure();
        assertThat(breaker.open()).isTrue();
        assertThat(breaker.allows()).isFalse();

        now = now.plusSeconds(31);
        assertThat(breaker.allows()).as("the trial call").isTrue();
        assertThat(breaker.allows())
                .as("a second caller while the trial is out")
                .isFalse();
        breaker.failure();
        assertThat(breaker.open()).as("the trial failed: open again").isTrue();
        assertThat(breaker.allows()).isFalse();

        now = now.plusSeconds(31);
        assertThat(breaker.allows()).isTrue();
        breaker.success();
        assertThat(breaker.open()).isFalse();
        breaker.failure();
        assertThat(breaker.allows()).as("closed, the count starts again").isTrue();
        assertThat(breaker.allows()).isTrue();
    }

    /** Issue 21, finding 9: the hand-written breaker let every caller through at half open. */
    @Test
    void atHalfOpenConcurrentCallersGetOneTrialBetweenThem() throws Exception {
        var breaker = new CircuitBreaker("test", 5, Duration.ofSeconds(30), clock);
        for (var i = 0; i < 5; i++) {
            breaker.failure();
        }
        now = now.plusSeconds(31);
        var permitted = new java.util.concurrent.atomic.AtomicInteger();
        try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (var i = 0; i < 50; i++) {
                callers.submit(() -> {
                    if (breaker.allows()) {
                        permitted.incrementAndGet();
                    }
                });
            }
        }
        assertThat(permitted).hasValue(1);
    }
}
