package uk.co.omniops.platform;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;

/**
 * The one way OmniOps writes CSV (every export: insights report, rollout audit log): RFC 4180 through commons-csv,
 * text cells quoted, and text that a spreadsheet would run as a formula (first character {@code = + - @}, tab or
 * carriage return) prefixed with {@code '} (OWASP "CSV injection"). Contacts' messages end up in exports, and
 * {@code =HYPERLINK("http://…","x")} typed into the public chat must stay text in an executive's spreadsheet.
 *
 * <p>Numbers ({@link Number} cells) are written as they are, unquoted and never prefixed: we computed them, no
 * outsider chose their characters, and a negative growth such as {@code -0.14} must stay a number a spreadsheet can
 * sum; prefixed, it would become the text {@code '-0.14}. Anything that is text, even text that looks like a number
 * ("-14 %"), is neutralised.
 */
public final class Csv {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.NON_NUMERIC).get();

    /** Writes the rows of one CSV document. */
    @FunctionalInterface
    public interface Body {
        void write(Csv csv) throws IOException;
    }

    private final CSVPrinter printer;

    private Csv(CSVPrinter printer) {
        this.printer = printer;
    }

    /** One whole document: the header, then what {@code body} prints. Never returns null. */
    public static String write(String[] header, Body body) {
        var out = new StringWriter();
        try (var printer = new CSVPrinter(out, FORMAT)) {
            var csv = new Csv(printer);
            csv.row((Object[]) header);
            body.write(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One record; {@code null} is an empty cell, numbers stay numbers, everything else is neutralised text. */
    public void row(@Nullable Object... cells) throws IOException {
        var values = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = cell(cells[i]);
        }
        printer.printRecord(values);
    }

    static Object cell(@Nullable Object value) {
        return switch (value) {
            case null -> "";
            case BigDecimal d -> new PlainNumber(d.toPlainString());
            case Double d when d.isNaN() || d.isInfinite() -> "";
            case Float f when f.isNaN() || f.isInfinite() -> "";
            case Number n -> n;
            default -> neutralise(value.toString());
        };
    }

    /** The text as a spreadsheet shows it: a leading {@code = + - @}, tab or CR gets a {@code '} in front. */
    public static String neutralise(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    /** A BigDecimal printed without an exponent ({@code 1E+1} is "10"), still a Number for the quote mode. */
    private static final class PlainNumber extends Number {

        private static final long serialVersionUID = 1L;

        private final String text;

        PlainNumber(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public int intValue() {
            return new BigDecimal(text).intValue();
        }

        @Override
        public long longValue() {
            return new BigDecimal(text).longValue();
        }

        @Override
        public float floatValue() {
            return new BigDecimal(text).floatValue();
        }

        @Override
        public double doubleValue() {
            return new BigDecimal(text).doubleValue();
        }
    }
}
