package uk.co.omniops.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A half-open reporting period {@code [from, to)}. The comparison period is the one of equal length just before it.
 */
public record InsightPeriod(Instant from, Instant to) {

    public InsightPeriod {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("The period must end after it starts: " + from + " .. " + to);
        }
    }

    /**
     * The last {@code days} whole UTC days ending with {@code today} (today included): the report page's "Last 7
     * days" and the period the scheduled extraction stores, so the page's default report has topics of its own period.
     */
    public static InsightPeriod lastDays(int days, LocalDate today) {
        var end = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return new InsightPeriod(end.minus(Duration.ofDays(Math.max(days, 1))), end);
    }

    /** {@link #lastDays(int, LocalDate)} for today in UTC at {@code now}. */
    public static InsightPeriod lastDays(int days, Instant now) {
        return lastDays(days, LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The period of equal length that ends where this one starts. */
    public InsightPeriod previous() {
        return new InsightPeriod(from.minus(length()), from);
    }
}
