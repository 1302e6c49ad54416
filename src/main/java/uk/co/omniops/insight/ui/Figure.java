package uk.co.omniops.insight.ui;

import java.time.Duration;
import java.util.Locale;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.jspecify.annotations.Nullable;

/**
 * One headline figure: its value this period and the change against the previous period, coloured by whether the
 * change is good news (a shorter response time is green, a higher escalation rate red; volume is neutral).
 */
final class Figure extends Div {

    private Figure(String key, String label, String value, String change, @Nullable Boolean good, String title) {
        addClassName("omniops-insight-figure");
        getElement().setAttribute("data-figure", key);
        var labelSpan = new Span(label);
        labelSpan.addClassName("omniops-insight-figure-label");
        var valueSpan = new Span(value);
        valueSpan.addClassName("omniops-insight-figure-value");
        var changeSpan = new Span(change);
        changeSpan.addClassName("omniops-insight-figure-change");
        if (good != null) {
            changeSpan.addClassName(good ? "omniops-good" : "omniops-bad");
        }
        getElement().setAttribute("title", title);
        add(labelSpan, valueSpan, changeSpan);
    }

    static Figure count(String key, String label, long now, long before, @Nullable Boolean upIsGood) {
        String change;
        Boolean good = null;
        if (before == 0) {
            change = now == 0 ? "no change" : "none in the previous period";
        } else {
            double delta = 100.0 * (now - before) / before;
            change = String.format(Locale.UK, "%s%.0f %% vs previous", delta >= 0 ? "+" : "−", Math.abs(delta));
            if (upIsGood != null && now != before) {
                good = upIsGood == (now > before);
            }
        }
        return new Figure(key, label, String.format(Locale.UK, "%,d", now), change, good,
                "Previous period: " + String.format(Locale.UK, "%,d", before));
    }

    static Figure duration(String key, String label, @Nullable Duration now, @Nullable Duration before) {
        if (now == null) {
            return new Figure(key, label, "–", "not measured", null, "No measurement in this period");
        }
        if (before == null) {
            return new Figure(key, label, text(now), "not measured before", null, "No measurement in the previous period");
        }
        long delta = now.toSeconds() - before.toSeconds();
        var change = delta == 0 ? "no change"
                : (delta > 0 ? "+" : "−") + text(Duration.ofSeconds(Math.abs(delta))) + " vs previous";
        return new Figure(key, label, text(now), change, delta == 0 ? null : delta < 0,
                "Previous period: " + text(before));
    }

    /** A 0–1 rate shown as a percentage (sentiment as a 0–100 score); the change in percentage points. */
    static Figure rate(String key, String label, double now, double before, boolean upIsGood) {
        boolean score = key.equals("sentiment");
        if (Double.isNaN(now)) {
            return new Figure(key, label, "–", "not measured", null, "No measurement in this period");
        }
        var value = score ? Math.round(now * 100) + " / 100" : String.format(Locale.UK, "%.1f %%", now * 100);
        if (Double.isNaN(before)) {
            return new Figure(key, label, value, "not measured before", null, "No measurement in the previous period");
        }
        double points = (now - before) * 100;
        var change = Math.abs(points) < 0.05 ? "no change"
                : String.format(Locale.UK, "%s%.1f %s vs previous", points > 0 ? "+" : "−", Math.abs(points),
                        score ? "points" : "pts");
        var previous = score ? Math.round(before * 100) + " / 100" : String.format(Locale.UK, "%.1f %%", before * 100);
        return new Figure(key, label, value, change, Math.abs(points) < 0.05 ? null : (points > 0) == upIsGood,
                "Previous period: " + previous);
    }

    static String text(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 600 && seconds % 60 != 0) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        if (seconds < 2 * 3600) {
            return duration.toMinutes() + " min";
        }
        if (seconds < 2 * 86400) {
            return String.format(Locale.UK, "%.1f h", seconds / 3600.0);
        }
        return String.format(Locale.UK, "%.1f days", seconds / 86400.0);
    }
}
