package uk.co.omniops.insight;

import org.jspecify.annotations.Nullable;

/**
 * Which conversations of a report the user wants to see: those active in {@code period}, optionally narrowed to a
 * category, a topic phrase (a customer message contains it), escalated ones, or ones with a negative customer message.
 */
public record DrillDown(
        InsightPeriod period,
        @Nullable String category,
        @Nullable String topic,
        boolean escalatedOnly,
        boolean negativeOnly) {

    public static DrillDown all(InsightPeriod period) {
        return new DrillDown(period, null, null, false, false);
    }
}
