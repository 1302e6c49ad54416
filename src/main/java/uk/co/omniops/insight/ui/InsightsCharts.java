package uk.co.omniops.insight.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.insight.DrillDown;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.prediction.ArrivalForecast;
import uk.co.omniops.shell.Chart;
import uk.co.omniops.shell.Chart.Series;

/**
 * The report's charts. Each clickable chart drills down: a bucket of the volume, sentiment or escalation chart to
 * the conversations of that hour/day, a category to its conversations, a topic to the conversations mentioning it.
 */
final class InsightsCharts {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_LABEL =
            DateTimeFormatter.ofPattern("d MMM", Locale.UK).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR_LABEL =
            DateTimeFormatter.ofPattern("d MMM HH:00", Locale.UK).withZone(ZoneOffset.UTC);
    private static final int TOPICS_SHOWN = 10;

    /**
     * What the volume chart shows after the report's own buckets: the forecast (no buckets when there is none) and
     * one line saying what it was made from or why there is none.
     */
    record Outlook(
            List<ArrivalForecast.Bucket> buckets, @Nullable String note) {

        /** A past period: no forecast and nothing to say about one. */
        static final Outlook NONE = new Outlook(List.of(), null);

        Outlook {
            buckets = List.copyOf(buckets);
        }

        static Outlook of(ArrivalForecast forecast, boolean hourly, String customerName) {
            return switch (forecast.status()) {
                case READY ->
                    new Outlook(
                            forecast.buckets(),
                            "Forecast from %d %s of arrivals, by %s of the week; the band is its 80 %% interval."
                                    .formatted(
                                            forecast.daysOfHistory(),
                                            days(forecast.daysOfHistory()),
                                            hourly ? "hour" : "day"));
                case TOO_LITTLE_HISTORY ->
                    new Outlook(
                            List.of(),
                            "No forecast yet: %d %s of arrivals, %d needed."
                                    .formatted(
                                            forecast.daysOfHistory(),
                                            days(forecast.daysOfHistory()),
                                            forecast.minimumDaysOfHistory()));
                case DISABLED ->
                    new Outlook(
                            List.of(),
                            "No forecast: predictive analytics is not switched on for " + customerName + ".");
            };
        }

        private static String days(int n) {
            return n == 1 ? "day" : "days";
        }
    }

    private InsightsCharts() {}

    static void add(FlexLayout target, InsightReport report, Outlook outlook, BiConsumer<DrillDown, String> drillDown) {
        var series = report.series();
        var bucket = bucketLength(report);
        var format = bucket.compareTo(Duration.ofHours(1)) <= 0 ? HOUR_LABEL : DAY_LABEL;
        var labels = series.stream().map(p -> format.format(p.start())).toList();
        var period = report.period();

        var volume = card("insight-chart-volume", volume(report, labels, outlook.buckets(), format, bucket, drillDown));
        if (outlook.note() != null) {
            var note = new Paragraph(outlook.note());
            note.setId("insight-forecast-note");
            note.addClassName("omniops-muted");
            volume.add(note);
        }
        target.add(volume);
        target.add(card("insight-chart-sentiment", sentiment(report, labels, bucket, drillDown)));
        target.add(card("insight-chart-categories", categories(report, drillDown)));
        target.add(card("insight-chart-escalations", escalations(report, labels, bucket, drillDown)));
        target.add(card("insight-chart-topics", topics(report, period, drillDown)));
    }

    private static Chart volume(
            InsightReport report,
            List<String> labels,
            List<ArrivalForecast.Bucket> forecast,
            DateTimeFormatter format,
            Duration bucket,
            BiConsumer<DrillDown, String> drillDown) {
        var chart = new Chart(Chart.Kind.BAR);
        chart.setYAxisTitle("Conversations");
        chart.setXAxisTitle(bucket.toHours() <= 1 ? "Hour (UTC)" : "Day (UTC)");
        var allLabels = new ArrayList<>(labels);
        var actual = new ArrayList<@Nullable Double>();
        report.series().forEach(p -> actual.add((double) p.conversations()));
        var expected = new ArrayList<@Nullable Double>();
        var lower = new ArrayList<@Nullable Double>();
        var upper = new ArrayList<@Nullable Double>();
        report.series().forEach(p -> {
            expected.add(null);
            lower.add(null);
            upper.add(null);
        });
        var last = report.series().isEmpty()
                ? report.period().from()
                : report.series().getLast().start();
        for (var f : forecast) {
            if (!f.start().isAfter(last)) {
                continue; // the report's own buckets show what happened
            }
            allLabels.add(format.format(f.start()));
            actual.add(null);
            expected.add(f.expected());
            lower.add(f.lower());
            upper.add(f.upper());
        }
        boolean forecastShown = allLabels.size() > labels.size();
        chart.setTitle("Conversations per " + (bucket.toHours() <= 1 ? "hour" : "day")
                + (forecastShown ? ", with the forecast for the next 7 days" : ""));
        var data = new ArrayList<Series>();
        data.add(Series.of("Conversations", actual).withColour("primary"));
        if (forecastShown) {
            data.add(Series.band("Forecast 80 % interval", lower, upper).withColour("contrast"));
            data.add(Series.of("Forecast", expected).asLine().asDashed().withColour("warning"));
        }
        chart.setData(allLabels, data);
        chart.addPointClickListener(click -> {
            if (click.seriesIndex() == 0 && click.pointIndex() < report.series().size()) {
                var p = report.series().get(click.pointIndex());
                drillDown.accept(
                        DrillDown.all(slice(report, p.start(), bucket)), "Conversations active " + click.label());
            }
        });
        return chart;
    }

    private static Chart sentiment(
            InsightReport report, List<String> labels, Duration bucket, BiConsumer<DrillDown, String> drillDown) {
        var chart = new Chart(Chart.Kind.LINE);
        chart.setTitle("Average customer sentiment (0 negative – 100 positive)");
        chart.setXAxisTitle(bucket.toHours() <= 1 ? "Hour (UTC)" : "Day (UTC)");
        chart.setYAxisTitle("Sentiment");
        chart.setSecondaryYAxisTitle("Negative messages");
        chart.setYRange(0.0, 100.0);
        var average = new ArrayList<@Nullable Double>();
        var negative = new ArrayList<@Nullable Double>();
        for (var p : report.series()) {
            average.add(Double.isNaN(p.averageSentiment()) ? null : Math.round(p.averageSentiment() * 1000) / 10.0);
            negative.add((double) p.negativeMessages());
        }
        chart.setData(
                labels,
                List.of(
                        Series.of("Average sentiment", average).withColour("primary"),
                        Series.of("Negative messages", negative)
                                .asBar()
                                .onSecondaryAxis()
                                .withColour("error")));
        chart.addPointClickListener(click -> {
            var p = report.series().get(click.pointIndex());
            var negativeOnly = click.seriesIndex() == 1;
            drillDown.accept(
                    new DrillDown(slice(report, p.start(), bucket), null, null, false, negativeOnly),
                    (negativeOnly ? "Conversations with negative messages " : "Conversations active ") + click.label());
        });
        return chart;
    }

    private static Chart categories(InsightReport report, BiConsumer<DrillDown, String> drillDown) {
        var chart = new Chart(Chart.Kind.BAR);
        chart.setTitle("Category mix: share of categorised conversations");
        chart.setXAxisTitle("Category");
        chart.setPercent(true);
        var categories = report.categories();
        var labels = categories.stream()
                .map(InsightReport.CategoryShare::displayName)
                .toList();
        chart.setData(
                labels,
                List.of(
                        Series.of(
                                        "This period",
                                        categories.stream()
                                                .map(c -> (@Nullable Double) c.share())
                                                .toList())
                                .withColour("primary"),
                        Series.of(
                                        "Previous period",
                                        categories.stream()
                                                .map(c -> (@Nullable Double) c.previousShare())
                                                .toList())
                                .withColour("contrast")));
        chart.addPointClickListener(click -> {
            var category = categories.get(click.pointIndex());
            var previous = click.seriesIndex() == 1;
            var period = previous ? report.period().previous() : report.period();
            drillDown.accept(
                    new DrillDown(period, category.category(), null, false, false),
                    category.displayName() + " conversations" + (previous ? ", previous period" : ""));
        });
        return chart;
    }

    private static Chart escalations(
            InsightReport report, List<String> labels, Duration bucket, BiConsumer<DrillDown, String> drillDown) {
        var chart = new Chart(Chart.Kind.BAR);
        chart.setTitle("Escalations per " + (bucket.toHours() <= 1 ? "hour" : "day"));
        chart.setXAxisTitle(bucket.toHours() <= 1 ? "Hour (UTC)" : "Day (UTC)");
        chart.setYAxisTitle("Escalations");
        chart.setData(
                labels,
                List.of(Series.of(
                                "Escalations",
                                report.series().stream()
                                        .map(p -> (@Nullable Double) (double) p.escalations())
                                        .toList())
                        .withColour("error")));
        var causes = report.escalationCauses().stream()
                .map(c -> c.cause() + " " + c.count())
                .toList();
        if (!causes.isEmpty()) {
            chart.setDescription("Bar chart: escalations per bucket, "
                    + report.current().escalations() + " in the period. Causes: " + String.join(", ", causes) + ".");
        }
        chart.addPointClickListener(click -> {
            var p = report.series().get(click.pointIndex());
            drillDown.accept(
                    new DrillDown(slice(report, p.start(), bucket), null, null, true, false),
                    "Escalated conversations " + click.label());
        });
        return chart;
    }

    private static Chart topics(InsightReport report, InsightPeriod period, BiConsumer<DrillDown, String> drillDown) {
        var chart = new Chart(Chart.Kind.BAR);
        chart.setTitle("Top topics: mentions this period and the previous one (▲ emerging)");
        chart.setXAxisTitle("Topic");
        var top = report.topics().stream().limit(TOPICS_SHOWN).toList();
        chart.setData(
                top.stream()
                        .map(t -> t.emerging() ? t.phrase() + " ▲" : t.phrase())
                        .toList(),
                List.of(
                        Series.of(
                                        "This period",
                                        top.stream()
                                                .map(t -> (@Nullable Double) (double) t.count())
                                                .toList())
                                .withColour("primary"),
                        Series.of(
                                        "Previous period",
                                        top.stream()
                                                .map(t -> (@Nullable Double) (double) t.previousCount())
                                                .toList())
                                .withColour("contrast")));
        chart.addPointClickListener(click -> {
            var topic = top.get(click.pointIndex());
            var previous = click.seriesIndex() == 1;
            drillDown.accept(
                    new DrillDown(previous ? period.previous() : period, null, topic.phrase(), false, false),
                    "Conversations mentioning “" + topic.phrase() + "”" + (previous ? ", previous period" : ""));
        });
        return chart;
    }

    private static Div card(String id, Chart chart) {
        chart.setId(id);
        chart.setWidthFull();
        chart.setHeight("280px");
        var card = new Div(chart);
        card.addClassName("omniops-insight-chart");
        return card;
    }

    private static Duration bucketLength(InsightReport report) {
        var series = report.series();
        if (series.size() >= 2) {
            return Duration.between(series.get(0).start(), series.get(1).start());
        }
        return report.period().length().compareTo(Duration.ofDays(2)) <= 0 ? Duration.ofHours(1) : Duration.ofDays(1);
    }

    /** One bucket of the report, clipped to the period. */
    private static InsightPeriod slice(InsightReport report, Instant start, Duration bucket) {
        var from = start.isBefore(report.period().from()) ? report.period().from() : start;
        var end = start.plus(bucket);
        var to = end.isAfter(report.period().to()) ? report.period().to() : end;
        return new InsightPeriod(from, to);
    }
}
