package uk.co.omniops.prediction.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.co.omniops.prediction.ArrivalForecast;
import uk.co.omniops.prediction.ArrivalForecast.Status;

/** The weekly arrivals forecast on planted patterns (no database, no Spring). */
class ForecasterTests {

    static final Duration DAY = Duration.ofDays(1);
    static final Duration HOUR = Duration.ofHours(1);
    /** Six weeks of history, like the demo customers', ending at midnight before a Thursday. */
    static final Instant START = Instant.parse("2026-10-15T00:00:00Z");

    static boolean weekend(Instant t) {
        var day = t.atZone(ZoneOffset.UTC).getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    static double weekdays60Weekends20(Instant day) {
        return weekend(day) ? 20 : 60;
    }

    static int poisson(double mean, Random random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    static List<Long> dailyCounts(int days, java.util.function.ToDoubleFunction<Instant> rate, Random random) {
        var counts = new ArrayList<Long>();
        for (int d = 0; d < days; d++) {
            counts.add((long) poisson(rate.applyAsDouble(START.plus(DAY.multipliedBy(d))), random));
        }
        return counts;
    }

    @Test
    void followsAPlantedWeeklyPattern() {
        var history = new ArrayList<Long>();
        for (int d = 0; d < 42; d++) {
            history.add((long) weekdays60Weekends20(START.plus(DAY.multipliedBy(d))));
        }
        history.set(0, history.get(0) / 3); // the history began during its first day

        var forecast = Forecaster.weekly(START, DAY, history, 7);

        assertThat(forecast.status()).isEqualTo(Status.READY);
        assertThat(forecast.daysOfHistory()).isEqualTo(41);
        assertThat(forecast.buckets()).hasSize(7);
        assertThat(forecast.buckets().getFirst().start()).isEqualTo(START.plus(DAY.multipliedBy(42)));
        assertThat(forecast.buckets()).allSatisfy(day -> {
            double planted = weekdays60Weekends20(day.start());
            assertThat(day.expected()).as("%s", day.start()).isCloseTo(planted, within(1e-6));
            // no scatter in the history: the band is the Poisson one, widened for an estimate from five whole weeks
            double spread = Forecaster.Z80 * Math.sqrt(planted * (1 + 1.0 / 5));
            assertThat(day.lower()).isCloseTo(planted - spread, within(1e-6));
            assertThat(day.upper()).isCloseTo(planted + spread, within(1e-6));
        });
    }

    /**
     * Two hundred Poisson histories of the planted pattern (six weeks, like the demo's): the forecast is unbiased
     * for weekdays and weekends alike, its error is what six weeks of counts allow, and the band holds about four
     * in five of the days that follow.
     */
    @Test
    void recoversThePlantedPatternThroughPoissonNoiseWithAnHonestBand() {
        var random = new Random(18);
        int runs = 200;
        double weekdaySum = 0;
        int weekdays = 0;
        double weekendSum = 0;
        int weekends = 0;
        double absError = 0;
        double total = 0;
        int inside = 0;
        int drawn = 0;
        for (int run = 0; run < runs; run++) {
            var forecast =
                    Forecaster.weekly(START, DAY, dailyCounts(42, ForecasterTests::weekdays60Weekends20, random), 7);
            for (var day : forecast.buckets()) {
                double planted = weekdays60Weekends20(day.start());
                if (weekend(day.start())) {
                    weekendSum += day.expected();
                    weekends++;
                } else {
                    weekdaySum += day.expected();
                    weekdays++;
                }
                absError += Math.abs(day.expected() - planted);
                total += planted;
                int actual = poisson(planted, random);
                inside += actual >= day.lower() && actual <= day.upper() ? 1 : 0;
                drawn++;
            }
        }
        double wape = absError / total;
        double coverage = (double) inside / drawn;
        System.out.printf(
                Locale.ROOT,
                "weekly forecast over %d runs: weekdays %.1f (planted 60), weekends %.1f "
                        + "(planted 20), WAPE vs planted rates %.3f, 80 %% band held %.3f of the following days%n",
                runs,
                weekdaySum / weekdays,
                weekendSum / weekends,
                wape,
                coverage);
        assertThat(weekdaySum / weekdays).isCloseTo(60, within(1.0));
        assertThat(weekendSum / weekends).isCloseTo(20, within(0.5));
        assertThat(wape).isLessThan(0.08);
        assertThat(coverage).isBetween(0.75, 0.85);
    }

    @Test
    void hourlyCountsFollowTheHourOfTheWeek() {
        var random = new Random(5);
        java.util.function.ToDoubleFunction<Instant> rate = t -> {
            int hour = t.atZone(ZoneOffset.UTC).getHour();
            return weekend(t) ? 0.5 : hour >= 9 && hour < 17 ? 6 : 1;
        };
        var counts = new ArrayList<Long>();
        for (int h = 0; h < 21 * 24; h++) {
            counts.add((long) poisson(rate.applyAsDouble(START.plus(HOUR.multipliedBy(h))), random));
        }

        var forecast = Forecaster.weekly(START, HOUR, counts, 168);

        assertThat(forecast.status()).isEqualTo(Status.READY);
        assertThat(forecast.buckets()).hasSize(168);
        double officeHours = forecast.buckets().stream()
                .filter(b -> rate.applyAsDouble(b.start()) == 6)
                .mapToDouble(ArrivalForecast.Bucket::expected)
                .average()
                .orElseThrow();
        double weekendHours = forecast.buckets().stream()
                .filter(b -> weekend(b.start()))
                .mapToDouble(ArrivalForecast.Bucket::expected)
                .average()
                .orElseThrow();
        assertThat(officeHours).isCloseTo(6, within(0.6));
        assertThat(weekendHours).isCloseTo(0.5, within(0.15));
    }

    @Test
    void theLevelFollowsALastingChangeWithinTwoWeeks() {
        var counts = new ArrayList<Long>(Collections.nCopies(28, 40L));
        counts.addAll(Collections.nCopies(14, 80L));

        var forecast = Forecaster.weekly(START, DAY, counts, 7);

        assertThat(forecast.buckets())
                .allSatisfy(day -> assertThat(day.expected()).isBetween(72.0, 80.0));
    }

    @Test
    void noForecastUnderTwoWeeksOfHistoryAfterTheDayOfTheFirstArrival() {
        // eight weeks asked for, the customer's first conversation ten days ago: nine whole days after that one
        var counts = new ArrayList<Long>(Collections.nCopies(46, 0L));
        counts.addAll(Collections.nCopies(10, 58L));

        var forecast = Forecaster.weekly(START, DAY, counts, 7);

        assertThat(forecast.status()).isEqualTo(Status.TOO_LITTLE_HISTORY);
        assertThat(forecast.buckets()).isEmpty();
        assertThat(forecast.daysOfHistory()).isEqualTo(9);
        assertThat(forecast.minimumDaysOfHistory()).isEqualTo(14);
        assertThat(Forecaster.weekly(START, DAY, List.of(), 7).daysOfHistory()).isZero();
        assertThat(Forecaster.weekly(START, HOUR, Collections.nCopies(13 * 24, 2L), 7)
                        .status())
                .isEqualTo(Status.TOO_LITTLE_HISTORY);

        assertThat(Forecaster.weekly(START, DAY, Collections.nCopies(14, 58L), 7)
                        .status())
                .isEqualTo(Status.TOO_LITTLE_HISTORY);
        var twoWeeks = Forecaster.weekly(START, DAY, Collections.nCopies(15, 58L), 7);
        assertThat(twoWeeks.daysOfHistory()).isEqualTo(14);
        assertThat(twoWeeks.status()).isEqualTo(Status.READY);
        assertThat(twoWeeks.buckets())
                .allSatisfy(day -> assertThat(day.expected()).isCloseTo(58, within(1e-9)));
    }

    @Test
    void rejectsBucketsItCannotPlaceInTheWeek() {
        assertThatThrownBy(() -> Forecaster.weekly(START, Duration.ofMinutes(30), List.of(), 7))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Forecaster.weekly(START.plus(HOUR), DAY, List.of(), 7))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStaffingForecastCountsOnlyWeeksWithArrivals() {
        var now = Instant.parse("2026-11-26T15:20:00Z");
        assertThat(Forecaster.forecast(List.of(), now, 4, 12, 60).weeksOfHistory())
                .isZero();
        var lastWeek = Forecaster.forecast(List.of(now.minus(Duration.ofDays(2))), now, 4, 12, 60);
        assertThat(lastWeek.weeksOfHistory()).isEqualTo(1);
        var threeWeeksAgo = Forecaster.forecast(List.of(now.minus(Duration.ofDays(20))), now, 4, 12, 60);
        assertThat(threeWeeksAgo.weeksOfHistory()).isEqualTo(3);
    }
}
