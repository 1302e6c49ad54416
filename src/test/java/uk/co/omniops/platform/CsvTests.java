package uk.co.omniops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

class CsvTests {

    @Test
    void textThatASpreadsheetWouldRunIsPrefixedAndNumbersStayNumbers() throws Exception {
        var csv = Csv.write(new String[] {"text", "number"}, out -> {
            out.row("=HYPERLINK(\"http://example.com\",\"x\")", -14);
            out.row("+1", new BigDecimal("10.0000").stripTrailingZeros());
            out.row("-14 %", -0.25);
            out.row("@SUM(A1)", null);
            out.row("\tcmd", Double.NaN);
            out.row("\rcmd", 3L);
            out.row("plain, \"quoted\"", 0);
        });

        var rows = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertThat(rows)
                .extracting(r -> r.get(0))
                .containsExactly(
                        "text",
                        "'=HYPERLINK(\"http://example.com\",\"x\")",
                        "'+1",
                        "'-14 %",
                        "'@SUM(A1)",
                        "'\tcmd",
                        "'\rcmd",
                        "plain, \"quoted\"");
        assertThat(rows).extracting(r -> r.get(1)).containsExactly("number", "-14", "10", "-0.25", "", "", "3", "0");
        // numbers are unquoted, text is quoted: a spreadsheet reads -14 as a number, never the contact's text as one
        assertThat(csv)
                .contains("\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\",-14\r\n", "\"'-14 %\",-0.25\r\n");
    }
}
