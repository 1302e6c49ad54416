package uk.co.omniops.prediction;

import java.time.Instant;
import java.util.List;

/**
 * Conversations per hour for the next 7 days (168 hours, UTC) and the agents needed for the target first-response
 * time (Erlang C).
 *
 * @param weeksOfHistory weeks the hour-of-week profile was built from
 * @param handleMinutes the assumed handle time (from resolved history, or the default)
 * @param targetFirstResponseSeconds the average wait the staffing aims at
 */
public record VolumeForecast(
        List<Hour> hours, int weeksOfHistory, double handleMinutes, int targetFirstResponseSeconds) {

    public VolumeForecast {
        hours = List.copyOf(hours);
    }

    public record Hour(Instant start, double expectedConversations, int agentsNeeded) {}
}
