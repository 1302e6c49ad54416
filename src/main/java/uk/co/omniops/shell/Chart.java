package uk.co.omniops.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chart for any view: line, bar, stacked bar or doughnut, drawn in the browser by Chart.js (MIT) through our own
 * {@code <omni-chart>} web component ({@code frontend/omni-chart.ts}); Vaadin Charts is commercial and not used.
 *
 * <p>Why a server-side model: views hand over plain values ({@link #setLabels}, {@link #setSeries}) and get
 * drill-down as a server event ({@link #addPointClickListener}); the element follows the light/dark scheme with
 * Lumo colours, resizes with its container (give it a height: default 300px), never animates unless asked (stable
 * screenshots) and is accessible: {@code role="img"} with a summary of the data as its label, and the data as a
 * table for screen readers that keyboard users can open to drill down. Every setter redraws.
 */
@Tag("omni-chart")
@NpmPackage(value = "chart.js", version = "4.5.1")
@JsModule("./omni-chart.ts")
public class Chart extends Component implements HasSize {

    /** What the chart draws by default; a {@link Series} may override line/bar for itself (combo charts). */
    public enum Kind {
        LINE,
        BAR,
        STACKED_BAR,
        DOUGHNUT
    }

    /** How one series is drawn when it differs from the chart's {@link Kind}. */
    public enum SeriesKind {
        LINE,
        BAR
    }

    /**
     * One named row of values, one per label; {@code null} is a gap (no data), not zero.
     *
     * @param lower  when set, the series is a shaded band from {@code lower} up to {@code values} (a forecast
     *               interval); bands take no clicks
     * @param kind   line or bar for this series, {@code null} = the chart's kind
     * @param colour a token ({@code primary success error warning contrast muted}), a CSS colour or
     *               {@code var(--…)}; {@code null} = the next palette colour
     */
    public record Series(
            String name,
            List<@Nullable Double> values,
            @Nullable List<@Nullable Double> lower,
            @Nullable SeriesKind kind,
            @Nullable String colour,
            boolean dashed,
            boolean secondaryAxis) {

        public Series {
            Objects.requireNonNull(name, "name");
            values = Collections.unmodifiableList(new ArrayList<>(values));
            lower = lower == null ? null : Collections.unmodifiableList(new ArrayList<>(lower));
            if (lower != null && lower.size() != values.size()) {
                throw new IllegalArgumentException("band '" + name + "': " + lower.size() + " lower values for "
                        + values.size() + " upper values");
            }
        }

        /** A series drawn as the chart's kind. */
        public static Series of(String name, List<@Nullable Double> values) {
            return new Series(name, values, null, null, null, false, false);
        }

        /** A shaded band between {@code lower} and {@code upper} (e.g. a forecast's 80 % interval). */
        public static Series band(String name, List<@Nullable Double> lower, List<@Nullable Double> upper) {
            return new Series(name, upper, lower, SeriesKind.LINE, null, false, false);
        }

        public Series asLine() {
            return new Series(name, values, lower, SeriesKind.LINE, colour, dashed, secondaryAxis);
        }

        public Series asBar() {
            if (lower != null) {
                throw new IllegalStateException("a band is drawn as a line");
            }
            return new Series(name, values, null, SeriesKind.BAR, colour, dashed, secondaryAxis);
        }

        public Series withColour(String colourToken) {
            return new Series(name, values, lower, kind, colourToken, dashed, secondaryAxis);
        }

        /** A dashed line (e.g. a forecast or a reference line). */
        public Series asDashed() {
            return new Series(name, values, lower, kind, colour, true, secondaryAxis);
        }

        /** Plotted against the right-hand axis (other units; title from {@link Chart#setSecondaryYAxisTitle}). */
        public Series onSecondaryAxis() {
            return new Series(name, values, lower, kind, colour, dashed, true);
        }
    }

    /**
     * A click on a point, bar or slice (or on its cell in the keyboard table).
     *
     * @param seriesIndex index in the list given to {@link #setSeries}
     * @param pointIndex  index in the labels
     */
    public record PointClick(Chart chart, int seriesIndex, int pointIndex, String label) {

        public Series series() {
            return chart.series.get(seriesIndex);
        }

        public @Nullable Double value() {
            return series().values().get(pointIndex);
        }
    }

    private Kind kind;
    private List<String> labels = List.of();
    private List<Series> series = List.of();
    private @Nullable String title;
    private @Nullable String xAxisTitle;
    private @Nullable String yAxisTitle;
    private @Nullable String secondaryYAxisTitle;
    private boolean percent;
    private @Nullable Double yMin;
    private @Nullable Double yMax;
    private boolean animated;
    private @Nullable String description;
    private int highlightSeries = -1;
    private int highlightPoint = -1;
    private final List<Consumer<PointClick>> clickListeners = new ArrayList<>();

    public Chart(Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        getElement()
                .addEventListener("omni-point-click", e -> {
                    var detail = e.getEventData();
                    int s = detail.get("event.detail.seriesIndex").asInt();
                    int p = detail.get("event.detail.index").asInt();
                    if (s < 0 || s >= series.size() || p < 0 || p >= labels.size()) {
                        return; // stale event from before a redraw
                    }
                    var click = new PointClick(this, s, p, labels.get(p));
                    List.copyOf(clickListeners).forEach(l -> l.accept(click));
                })
                .addEventData("event.detail.seriesIndex")
                .addEventData("event.detail.index");
        redraw();
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        redraw();
    }

    /** The x-axis categories (or doughnut slices). */
    public void setLabels(List<String> labels) {
        this.labels = List.copyOf(labels);
        redraw();
    }

    public List<String> getLabels() {
        return labels;
    }

    /** The series to draw; each must have one value per label. */
    public void setSeries(List<Series> series) {
        for (var s : series) {
            if (s.values().size() != labels.size()) {
                throw new IllegalArgumentException("series '" + s.name() + "' has "
                        + s.values().size() + " values for " + labels.size() + " labels (set the labels first)");
            }
        }
        this.series = List.copyOf(series);
        highlightSeries = -1;
        highlightPoint = -1;
        redraw();
    }

    /** Labels and series in one step (one redraw). */
    public void setData(List<String> labels, List<Series> series) {
        this.labels = List.copyOf(labels);
        setSeries(series);
    }

    public List<Series> getSeries() {
        return series;
    }

    public void setTitle(@Nullable String title) {
        this.title = title;
        redraw();
    }

    public void setXAxisTitle(@Nullable String title) {
        this.xAxisTitle = title;
        redraw();
    }

    public void setYAxisTitle(@Nullable String title) {
        this.yAxisTitle = title;
        redraw();
    }

    public void setSecondaryYAxisTitle(@Nullable String title) {
        this.secondaryYAxisTitle = title;
        redraw();
    }

    /** Values are fractions (0.25) shown as percentages (25 %) on the axis, in tooltips and in the table. */
    public void setPercent(boolean percent) {
        this.percent = percent;
        redraw();
    }

    /** Fixes the value axis range (e.g. 0..1 for probabilities); {@code null} = automatic. */
    public void setYRange(@Nullable Double min, @Nullable Double max) {
        this.yMin = min;
        this.yMax = max;
        redraw();
    }

    /** Off by default: screenshots and tests see the final picture at once. */
    public void setAnimated(boolean animated) {
        this.animated = animated;
        redraw();
    }

    /** Replaces the generated summary that screen readers hear. */
    public void setDescription(@Nullable String description) {
        this.description = description;
        redraw();
    }

    /** Marks one point (a larger dot on line series), e.g. the one a user drilled into; -1 clears. */
    public void setHighlight(int seriesIndex, int pointIndex) {
        this.highlightSeries = seriesIndex;
        this.highlightPoint = pointIndex;
        redraw();
    }

    /** Clicks on points, bars and slices; makes the points clickable (pointer cursor, buttons in the table). */
    public Registration addPointClickListener(Consumer<PointClick> listener) {
        clickListeners.add(Objects.requireNonNull(listener, "listener"));
        redraw();
        return () -> {
            clickListeners.remove(listener);
            redraw();
        };
    }

    /** What screen readers hear: kind, title, range of labels and each series' range. */
    public String summary() {
        if (description != null) {
            return description;
        }
        var text = new StringBuilder();
        text.append(
                switch (kind) {
                    case LINE -> "Line chart";
                    case BAR -> "Bar chart";
                    case STACKED_BAR -> "Stacked bar chart";
                    case DOUGHNUT -> "Doughnut chart";
                });
        if (title != null && !title.isBlank()) {
            text.append(": ").append(title);
        }
        if (labels.isEmpty() || series.isEmpty()) {
            return text.append(". No data.").toString();
        }
        text.append(". ").append(labels.size()).append(labels.size() == 1 ? " point" : " points");
        if (kind != Kind.DOUGHNUT && labels.size() > 1) {
            text.append(" from ").append(labels.getFirst()).append(" to ").append(labels.getLast());
        }
        text.append('.');
        for (var s : series) {
            text.append(' ').append(s.name()).append(": ").append(kind == Kind.DOUGHNUT ? parts(s) : range(s));
        }
        return text.toString();
    }

    /** A doughnut's series: each part with its value. */
    private String parts(Series s) {
        var parts = new ArrayList<String>();
        for (int i = 0; i < labels.size(); i++) {
            var v = s.values().get(i);
            if (v != null) {
                parts.add(labels.get(i) + " " + format(v));
            }
        }
        return String.join(", ", parts) + ".";
    }

    /** A line's or bars' series: the range of its values (with a band, from the band's bottom). */
    private String range(Series s) {
        var present = s.values().stream()
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .toArray();
        if (present.length == 0) {
            return "no data.";
        }
        double min = present[0];
        double max = present[0];
        for (double v : present) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (s.lower() != null) {
            var lows = s.lower().stream()
                    .filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue)
                    .min();
            return "between " + format(lows.orElse(min)) + " and " + format(max) + ".";
        }
        return "from " + format(min) + " to " + format(max) + ".";
    }

    private String format(double v) {
        var symbols = DecimalFormatSymbols.getInstance(Locale.UK);
        return percent
                ? new DecimalFormat("0.#", symbols).format(v * 100) + " %"
                : new DecimalFormat("0.##", symbols).format(v);
    }

    private void redraw() {
        var json = JsonNodeFactory.instance;
        ObjectNode config = json.objectNode();
        config.put("type", kind.name());
        ArrayNode labelArray = config.putArray("labels");
        labels.forEach(labelArray::add);
        ArrayNode seriesArray = config.putArray("series");
        for (var s : series) {
            var node = seriesArray.addObject();
            node.put("name", s.name());
            values(node.putArray("values"), s.values());
            if (s.lower() != null) {
                values(node.putArray("lower"), s.lower());
            }
            if (s.kind() != null) {
                node.put("kind", s.kind().name());
            }
            if (s.colour() != null) {
                node.put("colour", s.colour());
            }
            node.put("dashed", s.dashed());
            node.put("secondaryAxis", s.secondaryAxis());
        }
        config.put("title", title);
        config.put("xAxisTitle", xAxisTitle);
        config.put("yAxisTitle", yAxisTitle);
        config.put("secondaryYAxisTitle", secondaryYAxisTitle);
        config.put("percent", percent);
        config.put("yMin", yMin);
        config.put("yMax", yMax);
        config.put("animated", animated);
        config.put("clickable", !clickListeners.isEmpty());
        config.put("summary", summary());
        if (highlightSeries >= 0 && highlightPoint >= 0) {
            config.putObject("highlight").put("series", highlightSeries).put("index", highlightPoint);
        }
        getElement().setProperty("config", config.toString());
    }

    private static void values(ArrayNode array, List<@Nullable Double> values) {
        for (var v : values) {
            if (v == null || v.isNaN() || v.isInfinite()) {
                array.addNull();
            } else {
                array.add(v);
            }
        }
    }
}
