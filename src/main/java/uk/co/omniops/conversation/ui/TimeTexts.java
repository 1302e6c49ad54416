package uk.co.omniops.conversation.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Message times on the public chat page ("14:05", "3 Mar 14:05"); the agents' workspace has its own
 * ({@code workspace.ui.TimeTexts}, with waiting times and full timestamps).
 */
final class TimeTexts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.UK);

    private TimeTexts() {}

    /** A message time: only the clock for today, else day and clock. */
    static String stamp(Instant at, ZoneId zone, Instant now) {
        var local = at.atZone(zone);
        return LocalDate.ofInstant(now, zone).equals(local.toLocalDate())
                ? TIME.format(local)
                : DATE_TIME.format(local);
    }
}
