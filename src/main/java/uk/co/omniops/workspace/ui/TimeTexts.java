package uk.co.omniops.workspace.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Short, human texts for durations and timestamps in the workspace ("12 min", "14:05", "3 Mar 14:05"). */
final class TimeTexts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm:ss", Locale.UK);

    private TimeTexts() {}

    /** How long someone has waited: "<1 min", "12 min", "2 h 5 min", "3 d 4 h"; empty when nobody waits. */
    static String waiting(@Nullable Instant since, Instant now) {
        if (since == null) {
            return "";
        }
        var d = Duration.between(since, now);
        if (d.isNegative() || d.toMinutes() < 1) {
            return "<1 min";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return d.toDays() + " d " + d.toHoursPart() + " h";
    }

    /** A message time: only the clock for today, else day and clock. */
    static String stamp(Instant at, ZoneId zone, Instant now) {
        var local = at.atZone(zone);
        return LocalDate.ofInstant(now, zone).equals(local.toLocalDate())
                ? TIME.format(local)
                : DATE_TIME.format(local);
    }

    /** A day with its year ("7 December 2026"): how long someone has been a contact, not when to the minute. */
    static String day(Instant at, ZoneId zone) {
        return DAY.format(at.atZone(zone));
    }

    /** The full timestamp, for tooltips and {@code datetime}-like titles. */
    static String full(Instant at, ZoneId zone) {
        return FULL.format(at.atZone(zone));
    }
}
