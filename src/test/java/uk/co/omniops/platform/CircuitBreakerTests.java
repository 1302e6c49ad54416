package uk.co.omniops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class CircuitBreakerTests {

    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    @Test
    void opensAfterFiveConsecutiveFailuresForThirtySecondsThenHalfOpens() {
        var breaker = new CircuitBreaker(5, Duration.ofSeconds(30), clock);
        for (var i = 0; i < 4; i++) {
            breaker.failure();
        }
        breaker.success();
        for (var i = 0; i < 4; i++) {
            breaker.failure();
        }
        assertThat(breaker.allows()).isTrue();
        breaker.failure();
        assertThat(breaker.allows()).isFalse();
        now = now.plusSeconds(31);
        assertThat(breaker.allows()).isTrue();
        breaker.failure(); // half open: one more failure re-opens
        assertThat(breaker.allows()).isFalse();
        now = now.plusSeconds(31);
        breaker.success();
        breaker.failure();
        assertThat(breaker.allows()).isTrue();
    }
}
