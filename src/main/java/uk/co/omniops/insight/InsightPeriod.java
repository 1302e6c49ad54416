package uk.co.omniops.insight;

import java.time.Duration;
import java.time.Instant;

/**
 * A half-open reporting period {@code [from, to)}. The comparison period is the one of equal length just before it.
 */
public record InsightPeriod(Instant from, Instant to) {

    public InsightPeriod {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("The period must end after it starts: " + from + " .. " + to);
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The period of equal length that ends where this one starts. */
    public InsightPeriod previous() {
        return new InsightPeriod(from.minus(length()), from);
    }
}
