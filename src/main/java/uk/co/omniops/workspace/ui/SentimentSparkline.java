package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import java.util.List;
import java.util.Locale;
import uk.co.omniops.analysis.SentimentPoint;
import uk.co.omniops.analysis.SentimentWords;

/**
 * The conversation's sentiment as an inline SVG line (0 negative at the bottom … 1 positive at the top), with the
 * latest in words ("Very negative") as its caption; hidden while nothing is analysed. It stays across live updates: a new score changes the line's points,
 * the end dot and the label, not the elements (each analysed contact message would otherwise send the whole SVG
 * again). Built with the Element API: no HTML strings, nothing from customer text.
 */
final class SentimentSparkline extends Div {

    private static final double WIDTH = 96;
    private static final double HEIGHT = 24;

    private final Element svg = new Element("svg");
    private final Element title = new Element("title");
    private final Element line = new Element("polyline");
    private final Element dot = new Element("circle");
    private List<SentimentPoint> shown = List.of();
    private final Span caption = new Span();

    SentimentSparkline() {
        addClassName("omniops-sparkline-box");
        caption.addClassName("omniops-secondary");
        caption.getElement().setAttribute("aria-hidden", "true");
        add(caption);
        svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
        svg.setAttribute("viewBox", "0 0 96 24");
        svg.setAttribute("width", "96");
        svg.setAttribute("height", "24");
        svg.setAttribute("role", "img");
        svg.setAttribute("class", "omniops-sparkline");
        svg.setAttribute("id", "sentiment-sparkline");
        var middle = new Element("line");
        middle.setAttribute("x1", "0");
        middle.setAttribute("x2", "96");
        middle.setAttribute("y1", "12");
        middle.setAttribute("y2", "12");
        middle.setAttribute("class", "omniops-sparkline-mid");
        line.setAttribute("class", "omniops-sparkline-line");
        dot.setAttribute("r", "2.5");
        svg.appendChild(title, middle, line, dot);
        getElement().appendChild(svg);
        setVisible(false);
    }

    /** Shows this trend (oldest first); nothing changes when it is the one shown. */
    void show(List<SentimentPoint> trend) {
        if (trend.equals(shown)) {
            return;
        }
        shown = List.copyOf(trend);
        setVisible(!trend.isEmpty());
        if (trend.isEmpty()) {
            return;
        }
        var latest = trend.getLast();
        caption.setText(AnalysisViews.capitalised(SentimentWords.of(latest.label(), latest.score())));
        var label = "Sentiment trend: " + AnalysisViews.trendText(trend);
        svg.setAttribute("aria-label", label);
        title.setText(label);
        var n = trend.size();
        var points = new StringBuilder();
        double x = 0;
        double y = 0;
        for (int i = 0; i < n; i++) {
            x = n == 1 ? WIDTH / 2 : 2 + i * (WIDTH - 4) / (n - 1);
            y = 2 + (1 - Math.clamp(trend.get(i).score(), 0.0, 1.0)) * (HEIGHT - 4);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        line.setAttribute("points", points.toString().strip());
        dot.setAttribute("cx", String.format(Locale.ROOT, "%.1f", x));
        dot.setAttribute("cy", String.format(Locale.ROOT, "%.1f", y));
        dot.setAttribute(
                "class",
                "omniops-sparkline-dot omniops-sparkline-dot--"
                        + trend.get(n - 1).label());
    }
}
