package uk.co.omniops.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeterSamplesTests {

    final Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
    final MeterSamples samples = new MeterSamples(Duration.ofHours(2));

    void add(int seconds, double requests, double errors, double availability, double cost) {
        samples.add(new MeterSamples.Sample(t0.plusSeconds(seconds), requests, errors, availability, cost, 1.0));
    }

    @Test
    void errorRateIsMeasuredOverTheTrailingWindowOnly() {
        add(0, 1000, 500, 1, 0); // an old storm, outside the window
        add(300, 1000, 500, 1, 0);
        add(600, 1200, 503, 1, 0); // 3 errors in 200 requests in the last 5 min
        assertThat(samples.errorRatePercent(Duration.ofMinutes(5), 20))
                .hasValueSatisfying(rate -> assertThat(rate).isEqualTo(1.5));
    }

    @Test
    void tooLittleTrafficIsNotJudged() {
        add(0, 0, 0, 1, 0);
        add(300, 10, 5, 1, 0);
        assertThat(samples.errorRatePercent(Duration.ofMinutes(5), 20)).isEmpty();
    }

    @Test
    void availabilityMustStayLowForTheWholeWindow() {
        add(0, 0, 0, 0.99, 0);
        add(60, 0, 0, 0.80, 0);
        add(120, 0, 0, 0.80, 0);
        assertThat(samples.maxAvailability(Duration.ofMinutes(2))).hasValue(0.99);
        add(150, 0, 0, 0.80, 0);
        assertThat(samples.maxAvailability(Duration.ofMinutes(2))).hasValue(0.80);
    }

    @Test
    void windowsNotYetCoveredGiveNoJudgement() {
        add(0, 0, 0, 0.5, 500);
        add(600, 0, 0, 0.5, 500);
        assertThat(samples.minCostToday(Duration.ofHours(1))).isEmpty();
        assertThat(samples.maxAvailability(Duration.ofMinutes(2))).hasValue(0.5);
    }

    @Test
    void costMustStayAboveForTheWholeHour() {
        add(0, 0, 0, 1, 150);
        add(1800, 0, 0, 1, 210);
        add(3600, 0, 0, 1, 230);
        assertThat(samples.minCostToday(Duration.ofHours(1))).hasValue(150.0);
        add(3700, 0, 0, 1, 240);
        assertThat(samples.minCostToday(Duration.ofHours(1))).hasValue(210.0);
    }
}
