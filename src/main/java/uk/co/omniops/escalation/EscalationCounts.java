package uk.co.omniops.escalation;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Today's figures for one customer (today = since midnight UTC).
 *
 * @param openNow open or acknowledged right now, whenever opened
 * @param averageTimeToAcknowledge over today's acknowledged escalations; null when none
 */
public record EscalationCounts(
        int openedToday,
        int acknowledgedToday,
        int resolvedToday,
        int openNow,
        int criticalOpen,
        @Nullable Duration averageTimeToAcknowledge) {}
