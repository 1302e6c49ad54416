package uk.co.omniops.prediction;

import java.time.Instant;
import java.util.List;

/**
 * Arrivals (conversations started) forecast per hour or UTC day from a history of past counts, following its weekly
 * pattern, each bucket with an 80 % interval. Only {@link Status#READY} carries buckets.
 *
 * @param buckets one per bucket from the end of the history, oldest first; empty unless ready
 * @param daysOfHistory whole days of history after the bucket of the first arrival (usually only partly covered)
 * @param minimumDaysOfHistory the days a forecast needs
 * @see <a href="../../../../../../docs/decisions/010-predictions.md">decision 010</a>
 */
public record ArrivalForecast(Status status, List<Bucket> buckets, int daysOfHistory, int minimumDaysOfHistory) {

    public ArrivalForecast {
        buckets = List.copyOf(buckets);
    }

    public enum Status {
        READY,
        /** fewer than {@code minimumDaysOfHistory} days of history */
        TOO_LITTLE_HISTORY,
        /** {@code PREDICTIVE_ANALYTICS} is off for the customer */
        DISABLED
    }

    /**
     * @param expected the expected count
     * @param lower the 80 % interval's lower edge (never below 0)
     * @param upper its upper edge
     */
    public record Bucket(Instant start, double expected, double lower, double upper) {}
}
