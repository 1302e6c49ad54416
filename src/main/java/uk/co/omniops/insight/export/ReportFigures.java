package uk.co.omniops.insight.export;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.insight.InsightReport.Totals;

/**
 * The report's headline figures as text, written once for the page and the PDF so both print the same value, the
 * same previous value and the same change in the same units: counts with thousands separators, durations in s/min/h,
 * sentiment as a score out of 100 with the change in points, rates as percentages with the change in percentage
 * points. The CSV keeps the raw numbers ({@link ReportCsv}); {@link #duration}, {@link #score} and {@link #percent}
 * turn those back into this text.
 */
public final class ReportFigures {

    private ReportFigures() {}

    /**
     * One headline figure.
     *
     * @param key stable id ({@code data-figure} on the page)
     * @param value this period, "–" when not measured
     * @param previous the previous period, "–" when not measured
     * @param change against the previous period ("+37 s", "−2.0 pts", "+12 %", "no change"), or what is missing
     *     ("not measured before")
     * @param good whether the change is good news, null when neutral or unchanged
     */
    public record Figure(
            String key,
            String label,
            String value,
            String previous,
            String change,
            @Nullable Boolean good) {}

    /** The headline figures in page order. */
    public static List<Figure> headline(InsightReport report) {
        Totals now = report.current();
        Totals before = report.previous();
        return List.of(
                count("conversations", "Conversations", now.conversations(), before.conversations(), null),
                count("messages", "Messages", now.messages(), before.messages(), null),
                count("resolved", "Resolved", now.resolved(), before.resolved(), null),
                duration(
                        "first-response",
                        "Avg. first response",
                        now.averageFirstResponse(),
                        before.averageFirstResponse()),
                duration("resolution", "Avg. resolution", now.averageResolution(), before.averageResolution()),
                score("sentiment", "Avg. sentiment", now.averageSentiment(), before.averageSentiment()),
                rate(
                        "negative-share",
                        "Negative messages",
                        now.negativeShare(),
                        before.negativeShare(),
                        false,
                        now.customerMessages() > 0,
                        before.customerMessages() > 0),
                rate(
                        "escalation-rate",
                        "Escalation rate",
                        now.escalationRate(),
                        before.escalationRate(),
                        false,
                        now.conversations() > 0,
                        before.conversations() > 0),
                rate(
                        "acceptance",
                        "Suggestion acceptance",
                        now.suggestionAcceptance(),
                        before.suggestionAcceptance(),
                        true,
                        true,
                        true));
    }

    static Figure count(String key, String label, long now, long before, @Nullable Boolean upIsGood) {
        String change;
        Boolean good = null;
        if (before == 0) {
            change = now == 0 ? "no change" : "none before";
        } else if (now == before) {
            change = "no change";
        } else {
            double delta = 100.0 * (now - before) / before;
            change = String.format(Locale.UK, "%s%.0f %%", delta >= 0 ? "+" : "−", Math.abs(delta));
            if (upIsGood != null) {
                good = upIsGood == (now > before);
            }
        }
        return new Figure(key, label, count(now), count(before), change, good);
    }

    static Figure duration(String key, String label, @Nullable Duration now, @Nullable Duration before) {
        var value = now == null ? "–" : duration(now);
        var previous = before == null ? "–" : duration(before);
        if (now == null) {
            return new Figure(key, label, value, previous, "not measured", null);
        }
        if (before == null) {
            return new Figure(key, label, value, previous, "not measured before", null);
        }
        long delta = now.toSeconds() - before.toSeconds();
        var change = delta == 0 ? "no change" : (delta > 0 ? "+" : "−") + duration(Duration.ofSeconds(Math.abs(delta)));
        return new Figure(key, label, value, previous, change, delta == 0 ? null : delta < 0);
    }

    /** Sentiment 0–1 as a score out of 100; the change in points. */
    static Figure score(String key, String label, double now, double before) {
        var value = Double.isNaN(now) ? "–" : score(now);
        var previous = Double.isNaN(before) ? "–" : score(before);
        if (Double.isNaN(now)) {
            return new Figure(key, label, value, previous, "not measured", null);
        }
        if (Double.isNaN(before)) {
            return new Figure(key, label, value, previous, "not measured before", null);
        }
        long points = Math.round(now * 100) - Math.round(before * 100);
        return new Figure(
                key,
                label,
                value,
                previous,
                points == 0
                        ? "no change"
                        : (points > 0 ? "+" : "−") + Math.abs(points) + (Math.abs(points) == 1 ? " point" : " points"),
                points == 0 ? null : points > 0);
    }

    /** A 0–1 rate as a percentage; the change in percentage points. A rate of nothing (no conversations) is "–". */
    static Figure rate(
            String key,
            String label,
            double now,
            double before,
            boolean upIsGood,
            boolean measuredNow,
            boolean measuredBefore) {
        boolean hasNow = measuredNow && !Double.isNaN(now);
        boolean hasBefore = measuredBefore && !Double.isNaN(before);
        var value = hasNow ? percent(now) : "–";
        var previous = hasBefore ? percent(before) : "–";
        if (!hasNow) {
            return new Figure(key, label, value, previous, "not measured", null);
        }
        if (!hasBefore) {
            return new Figure(key, label, value, previous, "not measured before", null);
        }
        double points = Math.round(now * 1000) / 10.0 - Math.round(before * 1000) / 10.0;
        if (Math.abs(points) < 0.05) {
            return new Figure(key, label, value, previous, "no change", null);
        }
        return new Figure(
                key,
                label,
                value,
                previous,
                String.format(Locale.UK, "%s%.1f pts", points > 0 ? "+" : "−", Math.abs(points)),
                (points > 0) == upIsGood);
    }

    public static String count(long n) {
        return String.format(Locale.UK, "%,d", n);
    }

    /** "45 s", "3 min 20 s" (under 10 min), "42 min", "2 h 13 min", "2.1 days"; the highlights use it too. */
    public static String duration(Duration duration) {
        long s = duration.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 || s >= 600 ? "" : " " + (s % 60) + " s");
        }
        if (s < 86_400) {
            return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
        }
        return String.format(Locale.UK, "%.1f days", s / 86_400.0);
    }

    /** Sentiment 0–1 as "37 / 100". */
    public static String score(double sentiment) {
        return Math.round(sentiment * 100) + " / 100";
    }

    /** A 0–1 share as "12.5 %". */
    public static String percent(double share) {
        return String.format(Locale.UK, "%.1f %%", share * 100);
    }
}
