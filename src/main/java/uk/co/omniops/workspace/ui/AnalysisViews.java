package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.html.Span;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.SentimentPoint;
import uk.co.omniops.analysis.SentimentWords;

/** The small pieces that show analysis results: sentiment badges, category tags, the sentiment sparkline. */
final class AnalysisViews {

    static final List<String> LABELS = List.of("negative", "neutral", "positive");

    private AnalysisViews() {}

    /** "very negative (score 0.12, 91 % sure)", or "negative (corrected by an agent)". */
    static String sentimentDescription(MessageAnalysed.Sentiment s, boolean corrected) {
        return corrected
                ? s.label() + " (corrected by an agent)"
                : SentimentWords.of(s.label(), s.score()) + " (score " + two(s.score()) + ", " + percent(s.confidence())
                        + " sure)";
    }

    static Badge sentimentBadge(String label) {
        var badge = new Badge(capitalised(label));
        badge.addThemeVariants(BadgeVariant.SMALL);
        var variant = sentimentVariant(label);
        if (variant != null) {
            badge.addThemeVariants(variant);
        }
        badge.addClassName("omniops-sentiment");
        badge.addClassName("omniops-sentiment--" + label);
        return badge;
    }

    static @Nullable BadgeVariant sentimentVariant(String label) {
        return switch (label) {
            case "negative" -> BadgeVariant.ERROR;
            case "positive" -> BadgeVariant.SUCCESS;
            default -> BadgeVariant.CONTRAST;
        };
    }

    /** "Refund 83 %" (an agent's tag without a percentage). */
    static Span categoryTag(MessageAnalysed.Category c, Map<String, String> names) {
        var agent = "agent".equals(c.source());
        var tag = new Span(names.getOrDefault(c.key(), c.key()) + (agent ? "" : " " + percent(c.confidence())));
        tag.addClassName("omniops-category-tag");
        if (agent) {
            tag.addClassName("omniops-category-tag--agent");
        }
        tag.getElement().setAttribute("data-category", c.key());
        tag.getElement()
                .setAttribute(
                        "title",
                        agent ? "Set by an agent" : "Suggested by the model, confidence " + two(c.confidence()));
        return tag;
    }

    /** "negative → neutral → positive (latest: positive)"; the last five labels for long conversations. */
    static String trendText(List<SentimentPoint> trend) {
        if (trend.isEmpty()) {
            return "no messages analysed yet";
        }
        var labels = trend.stream()
                .skip(Math.max(0, trend.size() - 5))
                .map(SentimentPoint::label)
                .collect(Collectors.joining(" → "));
        return (trend.size() > 5 ? "… → " : "") + labels + " (latest: "
                + SentimentWords.of(trend.getLast().label(), trend.getLast().score()) + ")";
    }

    static String names(Collection<String> keys, Map<String, String> names) {
        return keys.stream().map(k -> names.getOrDefault(k, k)).sorted().collect(Collectors.joining(", "));
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String percent(double v) {
        return Math.round(v * 100) + " %";
    }
}
