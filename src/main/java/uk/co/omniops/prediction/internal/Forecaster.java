package uk.co.omniops.prediction.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import uk.co.omniops.prediction.ArrivalForecast;
import uk.co.omniops.prediction.VolumeForecast;

/**
 * Seasonal volume forecasts.
 * <ul>
 * <li>{@link #forecast}: conversations per hour for staffing, from arrival times. An hour-of-week profile (share of a
 * week's conversations in each of the 168 UTC hours, averaged over the last {@code weeks} full weeks) times a level
 * (conversations per week) smoothed exponentially over those weeks, oldest first
 * ({@code level = α·week + (1−α)·level}, α = 0.5). Staffing by {@link ErlangC}.
 * <li>{@link #weekly}: a series of counts per hour or day continued with its weekly pattern and an interval.
 * </ul>
 *
 * @see <a href="../../../../../../../docs/decisions/010-predictions.md">decision 010</a>
 */
public final class Forecaster {

    public static final double ALPHA = 0.5;
    static final int HOURS = 168;

    /**
     * Fewest days of arrivals {@link #weekly} forecasts from: two weeks, so that every day (or hour) of the week is
     * seen twice. From a single week one unusual day (a holiday, an outage, a campaign) would become that weekday's
     * pattern, and nothing would show how far a day's count strays from what was expected, which the band needs.
     */
    public static final int MINIMUM_DAYS = 14;

    /**
     * Weight of the newest day in {@link #weekly}'s level. Its memory, about 2/α − 1 = 12 days, matches the
     * two-week minimum: a lasting change in volume shows within two weeks, while one odd day moves the level by
     * 15 % of its deviation.
     */
    static final double LEVEL_ALPHA_PER_DAY = 0.15;

    /** Standard normal 90 % point: the edges of an 80 % interval. */
    static final double Z80 = 1.2815515655446004;

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

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
    public static VolumeForecast forecast(
            List<Instant> arrivals, Instant now, int weeks, double handleMinutes, int targetSeconds) {
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
        int firstWeekWithArrivals = 0;
        while (firstWeekWithArrivals < weeks && weekTotals[firstWeekWithArrivals] == 0) {
            firstWeekWithArrivals++;
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
        return new VolumeForecast(hours, weeks - firstWeekWithArrivals, handleMinutes, targetSeconds);
    }

    /**
     * Continues a series of arrival counts with its weekly pattern (multiplicative seasonality, no trend: a week
     * ahead from a few weeks of history, a fitted trend would mostly extrapolate noise).
     * <ol>
     * <li>History starts after the first bucket with an arrival: the empty buckets before it are the time before the
     * customer used us, not quiet days, and that first bucket is usually only partly covered (the customer, or an
     * imported history, started during it), which would make its weekday look quiet. Under {@link #MINIMUM_DAYS} of
     * history, no forecast.
     * <li>Seasonal index per slot (day of week, or hour of week for hourly counts): the slot's mean over the newest
     * whole weeks divided by the overall mean, so every slot is averaged over the same number of weeks.
     * <li>Level: the deseasonalised counts ({@code count / index}) smoothed exponentially over those weeks,
     * {@link #LEVEL_ALPHA_PER_DAY} per day, starting from the first week's mean.
     * <li>Forecast: {@code level × index} of the bucket's slot.
     * <li>Interval: counts scatter like Poisson counts (variance = mean) or wider: the dispersion
     * {@code φ = Σ(count − predicted)² / Σ predicted} of the one-step-ahead predictions over the history (from the
     * second week), at least 1. The slot's expectation is itself a mean of {@code weeks} such counts, which adds
     * {@code φ·expected/weeks}; the band is {@code expected ± z₀.₉·√(φ·expected·(1 + 1/weeks))}, cut at 0.
     * </ol>
     *
     * @param start the first bucket's start, aligned to whole UTC hours (days)
     * @param bucket one hour or one day
     * @param counts arrivals per bucket, oldest first, contiguous; the last bucket complete
     * @param horizon buckets to forecast, from {@code start + counts.size() × bucket}
     */
    public static ArrivalForecast weekly(Instant start, Duration bucket, List<Long> counts, int horizon) {
        if (!bucket.equals(HOUR) && !bucket.equals(DAY)) {
            throw new IllegalArgumentException("bucket " + bucket + ": one hour or one day");
        }
        if (!start.truncatedTo(bucket.equals(DAY) ? ChronoUnit.DAYS : ChronoUnit.HOURS)
                .equals(start)) {
            throw new IllegalArgumentException("start " + start + " is not on a whole " + bucket);
        }
        int perDay = (int) DAY.dividedBy(bucket);
        int season = 7 * perDay;
        int first = 0;
        while (first < counts.size() && counts.get(first) == 0) {
            first++;
        }
        first = Math.min(first + 1, counts.size());
        int days = (counts.size() - first) / perDay;
        if (days < MINIMUM_DAYS) {
            return new ArrivalForecast(ArrivalForecast.Status.TOO_LITTLE_HISTORY, List.of(), days, MINIMUM_DAYS);
        }
        int weeks = (counts.size() - first) / season;
        int from = counts.size() - weeks * season;
        var slotSums = new double[season];
        double total = 0;
        for (int i = from; i < counts.size(); i++) {
            slotSums[slot(start, bucket, i)] += counts.get(i);
            total += counts.get(i);
        }
        var index = new double[season];
        for (int s = 0; s < season; s++) {
            index[s] = total == 0 ? 1 : slotSums[s] / total * season;
        }
        double alpha = 1 - Math.pow(1 - LEVEL_ALPHA_PER_DAY, 1.0 / perDay);
        double level = 0;
        for (int i = from; i < from + season; i++) {
            level += counts.get(i);
        }
        level /= season;
        double squaredErrors = 0;
        double predictedSum = 0;
        for (int i = from; i < counts.size(); i++) {
            double seasonal = index[slot(start, bucket, i)];
            if (seasonal == 0) {
                continue; // a slot that never had an arrival says nothing about the level
            }
            long count = counts.get(i);
            if (i >= from + season) {
                double predicted = level * seasonal;
                squaredErrors += (count - predicted) * (count - predicted);
                predictedSum += predicted;
            }
            level = alpha * (count / seasonal) + (1 - alpha) * level;
        }
        double dispersion = predictedSum == 0 ? 1 : Math.max(1, squaredErrors / predictedSum);
        var end = start.plus(bucket.multipliedBy(counts.size()));
        var buckets = new ArrayList<ArrivalForecast.Bucket>();
        for (int k = 0; k < horizon; k++) {
            double expected = level * index[slot(start, bucket, counts.size() + k)];
            double spread = Z80 * Math.sqrt(dispersion * expected * (1 + 1.0 / weeks));
            buckets.add(new ArrivalForecast.Bucket(
                    end.plus(bucket.multipliedBy(k)), expected, Math.max(0, expected - spread), expected + spread));
        }
        return new ArrivalForecast(ArrivalForecast.Status.READY, buckets, days, MINIMUM_DAYS);
    }

    /** Day of week 0…6 (daily buckets) or hour of week 0…167 (hourly) of bucket {@code i}. */
    private static int slot(Instant start, Duration bucket, int i) {
        int hour = hourOfWeek(start.plus(bucket.multipliedBy(i)));
        return bucket.equals(DAY) ? hour / 24 : hour;
    }
}
