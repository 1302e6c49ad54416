package uk.co.omniops.insight.export;

import static uk.co.omniops.insight.export.PdfPages.GRID;
import static uk.co.omniops.insight.export.PdfPages.MARGIN;
import static uk.co.omniops.insight.export.PdfPages.MUTED;
import static uk.co.omniops.insight.export.PdfPages.NEGATIVE;
import static uk.co.omniops.insight.export.PdfPages.PRIMARY;
import static uk.co.omniops.insight.export.PdfPages.TEXT;
import static uk.co.omniops.insight.export.PdfPages.WIDTH;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import uk.co.omniops.insight.InsightReport;

/**
 * The report as a printable A4 PDF (Apache PDFBox): headline figures against the previous period, highlights, a
 * drawn chart of conversations and sentiment, category mix, escalation causes and topics with an example each.
 * The headline figures are {@link ReportFigures}' text, as on the page. The pages, fonts and drawing primitives are
 * {@link PdfPages}': arrows, dashes, quotes and accented names print as on the page.
 */
public final class ReportPdf {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT =
            DateTimeFormatter.ofPattern("d MMM", Locale.UK).withZone(ZoneOffset.UTC);

    private ReportPdf() {}

    public static byte[] write(InsightReport report, String customerName) {
        try (var document = new PDDocument()) {
            var info = document.getDocumentInformation();
            info.setTitle("Insights report: " + customerName);
            info.setCreator("OmniOps");
            try (var pages = new PdfPages(document)) {
                new Writer(pages).write(report, customerName);
            }
            var out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report's sections, top to bottom, on {@link PdfPages}. */
    private static final class Writer {

        private final PdfPages pages;

        Writer(PdfPages pages) {
            this.pages = pages;
        }

        void write(InsightReport report, String customerName) throws IOException {
            title(report, customerName);
            figures(report);
            if (!report.highlights().isEmpty()) {
                pages.heading("Highlights");
                for (var highlight : report.highlights()) {
                    pages.paragraph("• " + highlight, 10);
                }
                pages.down(6);
            }

            if (!report.series().isEmpty()) {
                pages.heading("Conversations and average sentiment");
                chart(report.series());
            }

            categories(report);
            causes(report);
            topics(report);
        }

        /** The title, the periods compared and when topics were extracted. */
        private void title(InsightReport report, String customerName) throws IOException {
            pages.newPage();
            var period = report.period();
            pages.text(pages.bold, 18, MARGIN, "Insights report: " + customerName, TEXT);
            pages.down(22);
            pages.text(
                    pages.regular,
                    10,
                    MARGIN,
                    DAY.format(period.from()) + " to " + DAY.format(period.to().minusSeconds(1))
                            + ", compared with " + DAY.format(period.previous().from()) + " to "
                            + DAY.format(period.from().minusSeconds(1)),
                    MUTED);
            pages.down(14);
            pages.text(
                    pages.regular,
                    9,
                    MARGIN,
                    report.extractedAt() == null
                            ? "Topics not extracted yet for this period."
                            : "Topics extracted " + DAY.format(report.extractedAt()) + ".",
                    MUTED);
            pages.down(26);
        }

        /** The headline figures against the previous period. */
        private void figures(InsightReport report) throws IOException {
            pages.heading("Headline figures");
            var rows = new ArrayList<String[]>();
            rows.add(new String[] {"Figure", "This period", "Previous period", "Change"});
            for (var figure : ReportFigures.headline(report)) {
                rows.add(new String[] {figure.label(), figure.value(), figure.previous(), figure.change()});
            }
            pages.table(rows, new float[] {0.34f, 0.2f, 0.2f, 0.26f});
        }

        /** The category mix, when there is one. */
        private void categories(InsightReport report) throws IOException {
            if (!report.categories().isEmpty()) {
                pages.heading("Category mix");
                var categories = new ArrayList<String[]>();
                categories.add(new String[] {"Category", "Conversations", "Share", "Previous share"});
                for (var c : report.categories()) {
                    categories.add(new String[] {
                        c.displayName(),
                        ReportFigures.count(c.conversations()),
                        ReportFigures.percent(c.share()),
                        ReportFigures.percent(c.previousShare())
                    });
                }
                pages.table(categories, new float[] {0.4f, 0.2f, 0.2f, 0.2f});
            }
        }

        /** The escalation causes, when there are any. */
        private void causes(InsightReport report) throws IOException {
            if (!report.escalationCauses().isEmpty()) {
                pages.heading("Escalation causes");
                var causes = new ArrayList<String[]>();
                causes.add(new String[] {"Cause", "This period", "Previous period", "Change"});
                for (var c : report.escalationCauses()) {
                    causes.add(row(c.cause(), c.count(), c.previousCount()));
                }
                pages.table(causes, new float[] {0.4f, 0.2f, 0.2f, 0.2f});
            }
        }

        /** The topics and emerging issues, each with one example. */
        private void topics(InsightReport report) throws IOException {
            if (!report.topics().isEmpty()) {
                pages.heading("Topics and emerging issues");
                for (var topic : report.topics()) {
                    pages.ensure(40);
                    pages.text(
                            pages.bold,
                            10,
                            MARGIN,
                            (topic.emerging() ? "EMERGING  " : "") + "“" + topic.phrase() + "”  "
                                    + topic.count() + (topic.count() == 1 ? " mention" : " mentions")
                                    + " (previous period "
                                    + topic.previousCount() + ")",
                            topic.emerging() ? NEGATIVE : TEXT);
                    pages.down(13);
                    if (!topic.examples().isEmpty()) {
                        pages.paragraph(
                                "e.g. “" + shorten(topic.examples().getFirst().text(), 220) + "”", 9);
                    }
                    pages.down(4);
                }
            }
        }

        /** Conversations as bars (left scale) and average sentiment as a line (0–100, right scale). */
        private void chart(List<InsightReport.SeriesPoint> series) throws IOException {
            float height = 150;
            pages.ensure(height + 40);
            var stream = pages.current();
            float bottom = pages.y() - height;
            float left = MARGIN + 30;
            float width = WIDTH - 60;
            long max = Math.max(
                    1,
                    series.stream()
                            .mapToLong(InsightReport.SeriesPoint::conversations)
                            .max()
                            .orElse(1));
            for (int i = 0; i <= 4; i++) {
                float gy = bottom + height * i / 4;
                pages.line(left, gy, left + width, gy, GRID);
                pages.text(pages.regular, 7, MARGIN, Long.toString(Math.round(max * i / 4.0)), MUTED, gy - 2);
                pages.text(pages.regular, 7, left + width + 6, Integer.toString(25 * i), MUTED, gy - 2);
            }
            float step = width / series.size();
            stream.setNonStrokingColor(PRIMARY[0], PRIMARY[1], PRIMARY[2]);
            for (int i = 0; i < series.size(); i++) {
                float h = height * series.get(i).conversations() / max;
                stream.addRect(left + i * step + step * 0.15f, bottom, Math.max(0.5f, step * 0.7f), h);
            }
            stream.fill();
            stream.setStrokingColor(NEGATIVE[0], NEGATIVE[1], NEGATIVE[2]);
            stream.setLineWidth(1.5f);
            boolean drawing = false;
            for (int i = 0; i < series.size(); i++) {
                double sentiment = series.get(i).averageSentiment();
                if (Double.isNaN(sentiment)) {
                    drawing = false;
                    continue;
                }
                float px = left + i * step + step / 2;
                float py = bottom + (float) (height * sentiment);
                if (drawing) {
                    stream.lineTo(px, py);
                } else {
                    stream.moveTo(px, py);
                    drawing = true;
                }
            }
            stream.stroke();
            stream.setLineWidth(1);
            int labelEvery = Math.max(1, series.size() / 8);
            for (int i = 0; i < series.size(); i += labelEvery) {
                pages.text(
                        pages.regular,
                        7,
                        left + i * step,
                        SHORT.format(series.get(i).start()),
                        MUTED,
                        bottom - 10);
            }
            pages.moveTo(bottom - 24);
            pages.text(
                    pages.regular,
                    8,
                    left,
                    "Bars: conversations (left scale).  Line: average customer sentiment, 0 negative"
                            + " to 100 positive (right scale).",
                    MUTED);
            pages.down(20);
        }

        private static String[] row(String label, long now, long before) {
            var figure = ReportFigures.count("", label, now, before, null);
            return new String[] {label, figure.value(), figure.previous(), figure.change()};
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
