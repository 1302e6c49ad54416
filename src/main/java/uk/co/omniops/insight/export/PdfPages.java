package uk.co.omniops.insight.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.jspecify.annotations.Nullable;

/**
 * A top-down A4 page writer for {@link ReportPdf}: a cursor ({@link #y()}) that opens a new page when the next block
 * does not fit, and the primitives the report is drawn with (headings, wrapped paragraphs, tables, text and lines).
 * DejaVu Sans (shipped in {@code src/main/resources/fonts}, licence beside it) is embedded as a subset; a character it
 * has no glyph for prints as "?" rather than failing the export.
 */
final class PdfPages implements AutoCloseable {

    static final float MARGIN = 50;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    static final float[] TEXT = {0.12f, 0.14f, 0.18f};
    static final float[] MUTED = {0.42f, 0.45f, 0.5f};
    static final float[] PRIMARY = {0.10f, 0.40f, 0.85f};
    static final float[] NEGATIVE = {0.80f, 0.20f, 0.20f};
    static final float[] GRID = {0.85f, 0.87f, 0.9f};

    private static final String REGULAR = "/fonts/DejaVuSans.ttf";
    private static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";

    private final PDDocument document;
    final PDFont regular;
    final PDFont bold;
    private @Nullable PDPageContentStream page;
    private float y;

    PdfPages(PDDocument document) throws IOException {
        this.document = document;
        this.regular = font(document, REGULAR);
        this.bold = font(document, BOLD);
    }

    /** Where the next line is written, from the page's bottom edge. */
    float y() {
        return y;
    }

    /** Moves the cursor down the page. */
    void down(float by) {
        y -= by;
    }

    /** Moves the cursor to a height on the page (after a block drawn at absolute positions). */
    void moveTo(float atY) {
        y = atY;
    }

    @Override
    public void close() throws IOException {
        if (page != null) {
            page.close();
            page = null;
        }
    }

    void newPage() throws IOException {
        close();
        var next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        y = PDRectangle.A4.getHeight() - MARGIN;
        text(regular, 8, MARGIN, "OmniOps insights", MUTED);
        text(regular, 8, MARGIN + WIDTH - 40, "page " + document.getNumberOfPages(), MUTED);
        y -= 24;
    }

    /** Opens a new page unless {@code height} more fits on this one. */
    void ensure(float height) throws IOException {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    void heading(String title) throws IOException {
        ensure(60);
        text(bold, 13, MARGIN, title, TEXT);
        y -= 18;
    }

    void paragraph(String content, float size) throws IOException {
        for (var line : wrap(safe(content, regular), regular, size, WIDTH)) {
            ensure(size + 4);
            text(regular, size, MARGIN, line, TEXT);
            y -= size + 4;
        }
    }

    /** Rows of cells, the first row the header; each column gets its fraction of the width, cells cut to fit. */
    void table(List<String[]> rows, float[] fractions) throws IOException {
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

    /** The open page's content stream, for drawing shapes. */
    PDPageContentStream current() {
        if (page == null) {
            throw new IllegalStateException("no page open");
        }
        return page;
    }

    void text(PDFont font, float size, float x, String content, float[] colour) throws IOException {
        text(font, size, x, content, colour, y);
    }

    void text(PDFont font, float size, float x, String content, float[] colour, float atY) throws IOException {
        var stream = current();
        stream.beginText();
        stream.setFont(font, size);
        stream.setNonStrokingColor(colour[0], colour[1], colour[2]);
        stream.newLineAtOffset(x, atY);
        stream.showText(safe(content, font));
        stream.endText();
    }

    void line(float x1, float y1, float x2, float y2, float[] colour) throws IOException {
        var stream = current();
        stream.setStrokingColor(colour[0], colour[1], colour[2]);
        stream.setLineWidth(0.5f);
        stream.moveTo(x1, y1);
        stream.lineTo(x2, y2);
        stream.stroke();
    }

    /** The font embedded as a subset: only the glyphs the report uses end up in the file. */
    private static PDFont font(PDDocument document, String resource) throws IOException {
        try (var in = PdfPages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return PDType0Font.load(document, in, true);
        }
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
