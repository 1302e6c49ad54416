package uk.co.omniops.prediction.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import uk.co.omniops.prediction.VolumeForecast;

/**
 * Seasonal volume forecast: an hour-of-week profile (share of a week's conversations in each of the 168 UTC hours,
 * averaged over the last {@code weeks} full weeks) times a level (conversations per week) smoothed exponentially
 * over those weeks, oldest first ({@code level = α·week + (1−α)·level}, α = 0.5). Staffing by {@link ErlangC}.
 *
 * @see <a href="../../../../../../../docs/decisions/010-predictions.md">decision 010</a>
 */
public final class Forecaster {

    public static final double ALPHA = 0.5;
    static final int HOURS = 168;

    private Forecaster() {}

    /** Hour of week 0…167, 0 = Monday 00:00 UTC. */
    public static int hourOfWeek(Instant t) {
        var z = t.atZone(ZoneOffset.UTC);
        return (z.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + z.getHour();
    }

    /**
     * @param arrivals conversation start times (any order)
     * @param now the forecast starts at the start of its hour
     */
    public static VolumeForecast forecast(List<Instant> arrivals, Instant now, int weeks, double handleMinutes,
            int targetSeconds) {
        var end = now.truncatedTo(ChronoUnit.HOURS);
        var start = end.minus(Duration.ofDays(7L * weeks));
        var counts = new double[weeks][HOURS];
        var weekTotals = new double[weeks];
        // week index by age: week 0 is the oldest; slots aligned to hour of week
        for (var t : arrivals) {
            if (t.isBefore(start) || !t.isBefore(end)) {
                continue;
            }
            int week = (int) (Duration.between(start, t).toHours() / HOURS);
            counts[week][hourOfWeek(t)]++;
            weekTotals[week]++;
        }
        var profile = new double[HOURS];
        double all = 0;
        for (int w = 0; w < weeks; w++) {
            for (int h = 0; h < HOURS; h++) {
                profile[h] += counts[w][h];
            }
            all += weekTotals[w];
        }
        for (int h = 0; h < HOURS; h++) {
            profile[h] = all == 0 ? 1.0 / HOURS : profile[h] / all;
        }
        double level = weeks == 0 ? 0 : weekTotals[0];
        for (int w = 1; w < weeks; w++) {
            level = ALPHA * weekTotals[w] + (1 - ALPHA) * level;
        }
        var hours = new ArrayList<VolumeForecast.Hour>();
        for (int i = 0; i < HOURS; i++) {
            var at = end.plus(Duration.ofHours(i));
            double expected = level * profile[hourOfWeek(at)];
            hours.add(new VolumeForecast.Hour(at, expected, ErlangC.agents(expected, handleMinutes, targetSeconds)));
        }
        return new VolumeForecast(hours, weeks, handleMinutes, targetSeconds);
    }
}
