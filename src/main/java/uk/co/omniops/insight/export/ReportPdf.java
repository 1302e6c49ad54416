package uk.co.omniops.insight.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.insight.InsightReport;

/**
 * The report as a printable A4 PDF (Apache PDFBox): headline figures against the previous period, highlights, a
 * drawn chart of conversations and sentiment, category mix, escalation causes and topics with an example each.
 * The headline figures are {@link ReportFigures}' text, as on the page. DejaVu Sans (shipped in
 * {@code src/main/resources/fonts}, licence beside it) is embedded as a subset, so arrows, dashes, quotes and accented
 * names print as on the page; a character DejaVu has no glyph for prints as "?" rather than failing the export.
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
            var writer = new Writer(document);
            writer.write(report, customerName);
            writer.close();
            var out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A top-down page writer: a cursor that opens a new page when the next block does not fit. */
    private static final class Writer {

        private static final float MARGIN = 50;
        private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private static final float[] TEXT = {0.12f, 0.14f, 0.18f};
        private static final float[] MUTED = {0.42f, 0.45f, 0.5f};
        private static final float[] PRIMARY = {0.10f, 0.40f, 0.85f};
        private static final float[] NEGATIVE = {0.80f, 0.20f, 0.20f};
        private static final float[] GRID = {0.85f, 0.87f, 0.9f};

        private final PDDocument document;
        private final PDFont regular;
        private final PDFont bold;
        private @Nullable PDPageContentStream page;
        private float y;

        Writer(PDDocument document) throws IOException {
            this.document = document;
            this.regular = font(document, REGULAR);
            this.bold = font(document, BOLD);
        }

        void write(InsightReport report, String customerName) throws IOException {
            title(report, customerName);
            figures(report);
            if (!report.highlights().isEmpty()) {
                heading("Highlights");
                for (var highlight : report.highlights()) {
                    paragraph("• " + highlight, 10);
                }
                y -= 6;
            }

            if (!report.series().isEmpty()) {
                heading("Conversations and average sentiment");
                chart(report.series());
            }

            categories(report);
            causes(report);
            topics(report);
        }

        /** The title, the periods compared and when topics were extracted. */
        private void title(InsightReport report, String customerName) throws IOException {
            newPage();
            var period = report.period();
            text(bold, 18, MARGIN, "Insights report: " + customerName, TEXT);
            y -= 22;
            text(
                    regular,
                    10,
                    MARGIN,
                    DAY.format(period.from()) + " to " + DAY.format(period.to().minusSeconds(1))
                            + ", compared with " + DAY.format(period.previous().from()) + " to "
                            + DAY.format(period.from().minusSeconds(1)),
                    MUTED);
            y -= 14;
            text(
                    regular,
                    9,
                    MARGIN,
                    report.extractedAt() == null
                            ? "Topics not extracted yet for this period."
                            : "Topics extracted " + DAY.format(report.extractedAt()) + ".",
                    MUTED);
            y -= 26;
        }

        /** The headline figures against the previous period. */
        private void figures(InsightReport report) throws IOException {
            heading("Headline figures");
            var rows = new ArrayList<String[]>();
            rows.add(new String[] {"Figure", "This period", "Previous period", "Change"});
            for (var figure : ReportFigures.headline(report)) {
                rows.add(new String[] {figure.label(), figure.value(), figure.previous(), figure.change()});
            }
            table(rows, new float[] {0.34f, 0.2f, 0.2f, 0.26f});
        }

        /** The category mix, when there is one. */
        private void categories(InsightReport report) throws IOException {
            if (!report.categories().isEmpty()) {
                heading("Category mix");
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
                table(categories, new float[] {0.4f, 0.2f, 0.2f, 0.2f});
            }
        }

        /** The escalation causes, when there are any. */
        private void causes(InsightReport report) throws IOException {
            if (!report.escalationCauses().isEmpty()) {
                heading("Escalation causes");
                var causes = new ArrayList<String[]>();
                causes.add(new String[] {"Cause", "This period", "Previous period", "Change"});
                for (var c : report.escalationCauses()) {
                    causes.add(row(c.cause(), c.count(), c.previousCount()));
                }
                table(causes, new float[] {0.4f, 0.2f, 0.2f, 0.2f});
            }
        }

        /** The topics and emerging issues, each with one example. */
        private void topics(InsightReport report) throws IOException {
            if (!report.topics().isEmpty()) {
                heading("Topics and emerging issues");
                for (var topic : report.topics()) {
                    ensure(40);
                    text(
                            bold,
                            10,
                            MARGIN,
                            (topic.emerging() ? "EMERGING  " : "") + "“" + topic.phrase() + "”  "
                                    + topic.count() + (topic.count() == 1 ? " mention" : " mentions")
                                    + " (previous period "
                                    + topic.previousCount() + ")",
                            topic.emerging() ? NEGATIVE : TEXT);
                    y -= 13;
                    if (!topic.examples().isEmpty()) {
                        paragraph("e.g. “" + shorten(topic.examples().getFirst().text(), 220) + "”", 9);
                    }
                    y -= 4;
                }
            }
        }

        void close() throws IOException {
            if (page != null) {
                page.close();
                page = null;
            }
        }

        private void newPage() throws IOException {
            close();
            var next = new PDPage(PDRectangle.A4);
            document.addPage(next);
            page = new PDPageContentStream(document, next);
            y = PDRectangle.A4.getHeight() - MARGIN;
            text(regular, 8, MARGIN, "OmniOps insights", MUTED);
            text(regular, 8, MARGIN + WIDTH - 40, "page " + document.getNumberOfPages(), MUTED);
            y -= 24;
        }

        private void ensure(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        private void heading(String title) throws IOException {
            ensure(60);
            text(bold, 13, MARGIN, title, TEXT);
            y -= 18;
        }

        private void paragraph(String content, float size) throws IOException {
            for (var line : wrap(safe(content, regular), regular, size, WIDTH)) {
                ensure(size + 4);
                text(regular, size, MARGIN, line, TEXT);
                y -= size + 4;
            }
        }

        private void table(List<String[]> rows, float[] fractions) throws IOException {
            for (int r = 0; r < rows.size(); r++) {
                ensure(16);
                var font = r == 0 ? bold : regular;
                float x = MARGIN;
                for (int c = 0; c < fractions.length; c++) {
                    var cell = fit(safe(rows.get(r)[c], font), font, 9, WIDTH * fractions[c] - 6);
                    text(font, 9, x, cell, r == 0 ? MUTED : TEXT);
                    x += WIDTH * fractions[c];
                }
                y -= 4;
                line(MARGIN, y, MARGIN + WIDTH, y, GRID);
                y -= 11;
            }
            y -= 10;
        }

        /** Conversations as bars (left scale) and average sentiment as a line (0–100, right scale). */
        private void chart(List<InsightReport.SeriesPoint> series) throws IOException {
            float height = 150;
            ensure(height + 40);
            var stream = current();
            float bottom = y - height;
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
                line(left, gy, left + width, gy, GRID);
                text(regular, 7, MARGIN, Long.toString(Math.round(max * i / 4.0)), MUTED, gy - 2);
                text(regular, 7, left + width + 6, Integer.toString(25 * i), MUTED, gy - 2);
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
                text(regular, 7, left + i * step, SHORT.format(series.get(i).start()), MUTED, bottom - 10);
            }
            y = bottom - 24;
            text(
                    regular,
                    8,
                    left,
                    "Bars: conversations (left scale).  Line: average customer sentiment, 0 negative"
                            + " to 100 positive (right scale).",
                    MUTED);
            y -= 20;
        }

        private PDPageContentStream current() {
            if (page == null) {
                throw new IllegalStateException("no page open");
            }
            return page;
        }

        private void text(PDFont font, float size, float x, String content, float[] colour) throws IOException {
            text(font, size, x, content, colour, y);
        }

        private void text(PDFont font, float size, float x, String content, float[] colour, float atY)
                throws IOException {
            var stream = current();
            stream.beginText();
            stream.setFont(font, size);
            stream.setNonStrokingColor(colour[0], colour[1], colour[2]);
            stream.newLineAtOffset(x, atY);
            stream.showText(safe(content, font));
            stream.endText();
        }

        private void line(float x1, float y1, float x2, float y2, float[] colour) throws IOException {
            var stream = current();
            stream.setStrokingColor(colour[0], colour[1], colour[2]);
            stream.setLineWidth(0.5f);
            stream.moveTo(x1, y1);
            stream.lineTo(x2, y2);
            stream.stroke();
        }

        private static String[] row(String label, long now, long before) {
            var figure = ReportFigures.count("", label, now, before, null);
            return new String[] {label, figure.value(), figure.previous(), figure.change()};
        }
    }

    private static final String REGULAR = "/fonts/DejaVuSans.ttf";
    private static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";

    /** The font embedded as a subset: only the glyphs the report uses end up in the file. */
    private static PDFont font(PDDocument document, String resource) throws IOException {
        try (var in = ReportPdf.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return PDType0Font.load(document, in, true);
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Replaces what the font has no glyph for with "?", and control characters with spaces, so export never fails. */
    static String safe(String text, PDFont font) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
                return;
            }
            var s = new String(Character.toChars(cp));
            try {
                font.encode(s);
                out.append(s);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        var lines = new ArrayList<String>();
        var line = new StringBuilder();
        for (var word : text.split(" ")) {
            var candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String fit(String text, PDFont font, float size, float width) throws IOException {
        if (font.getStringWidth(text) / 1000 * size <= width) {
            return text;
        }
        var cut = text;
        while (cut.length() > 1 && font.getStringWidth(cut + "...") / 1000 * size > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }
}
