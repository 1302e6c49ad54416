package uk.co.omniops.insight.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.tenancy.CustomerId;

class ReportExportTests {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");

    private final InsightReport report = report();

    @Test
    void csvParsesWithOneFigurePerRowAndBlankCellsForUnmeasuredValues() throws Exception {
        var csv = ReportCsv.write(report, "Acme, \"Retail\"");

        var records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();

        assertThat(records).allSatisfy(r -> assertThat(r.size()).isEqualTo(6));
        assertThat(records.getFirst().get("item")).isEqualTo("Acme, \"Retail\"");
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("section")).isEqualTo("totals");
            assertThat(r.get("metric")).isEqualTo("conversations");
            assertThat(r.get("current")).isEqualTo("120");
            assertThat(r.get("previous")).isEqualTo("100");
        });
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("metric")).isEqualTo("suggestion_acceptance");
            assertThat(r.get("current")).isEqualTo("0.25");
            assertThat(r.get("previous")).isEmpty();
        });
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("section")).isEqualTo("topic");
            assertThat(r.get("item")).isEqualTo("promo code");
            assertThat(r.get("metric")).isEqualTo("mentions");
            assertThat(r.get("current")).isEqualTo("40");
        });
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("section")).isEqualTo("topic_example");
            assertThat(r.get("current")).contains("line one\nline two");
        });
        assertThat(records.stream()
                        .filter(r -> r.get("section").equals("series"))
                        .count())
                .isEqualTo(3 * 5);
    }

    @Test
    void aContactsMessageThatLooksLikeAFormulaStaysTextAndNegativeFiguresStayNumbers() throws Exception {
        var formula = "=HYPERLINK(\"http://example.com\",\"x\")";
        var example = new InsightReport.Example(UUID.randomUUID(), UUID.randomUUID(), formula, FROM.plusSeconds(60));
        var shrinking = new InsightReport.Topic("-refund", 3, 10, -0.7, false, List.of(example));
        var hostile = new InsightReport(
                report.customer(),
                report.period(),
                report.current(),
                report.previous(),
                report.series(),
                report.categories(),
                report.escalationCauses(),
                List.of(shrinking),
                List.of("@everyone look"),
                report.extractedAt());

        var csv = ReportCsv.write(hostile, "+Acme");

        var records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        assertThat(records)
                .filteredOn(r -> r.get("section").equals("topic_example"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("current")).isEqualTo("'" + formula);
                    assertThat(r.get("item")).isEqualTo("'-refund");
                });
        assertThat(records)
                .filteredOn(r -> r.get("section").equals("highlight"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("current")).isEqualTo("'@everyone look"));
        assertThat(records.getFirst().get("item")).isEqualTo("'+Acme");
        assertThat(records)
                .filteredOn(r -> r.get("metric").equals("growth"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("current")).isEqualTo("-0.7"));
        assertThat(csv).doesNotContain(",\"=HYPERLINK", ",=HYPERLINK").contains(",-0.7,");
    }

    @Test
    void pdfOpensAndContainsTheFiguresEvenWithCharactersHelveticaCannotShow() throws Exception {
        var pdf = ReportPdf.write(report, "Acme 零售");

        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            assertThat(document.getDocumentInformation().getTitle()).startsWith("Insights report: Acme");
            var text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains(
                            "Insights report: Acme ??",
                            "Headline figures",
                            "Conversations",
                            "120",
                            "100",
                            "+20 %",
                            "Billing",
                            "promo code",
                            "EMERGING",
                            "Escalations rose",
                            "negative sentiment");
        }
    }

    @Test
    void pdfOfAnEmptyPeriodStillOpens() throws Exception {
        var empty = new InsightReport(
                report.customer(),
                report.period(),
                emptyTotals(),
                emptyTotals(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null);

        try (var document = Loader.loadPDF(ReportPdf.write(empty, "Empty Ltd"))) {
            assertThat(new PDFTextStripper().getText(document)).contains("Topics not extracted yet");
        }
    }

    private static InsightReport report() {
        var period = new InsightPeriod(FROM, FROM.plus(Duration.ofDays(3)));
        var now = new InsightReport.Totals(
                120, 900, 500, 80, Duration.ofMinutes(4), Duration.ofHours(3), 0.42, 0.31, 12, 0.1, 0.25);
        var before = new InsightReport.Totals(
                100, 800, 450, 70, Duration.ofMinutes(6), null, 0.5, 0.22, 5, 0.05, Double.NaN);
        var series = List.of(
                new InsightReport.SeriesPoint(FROM, 40, 300, 0.4, 30, 4),
                new InsightReport.SeriesPoint(FROM.plus(Duration.ofDays(1)), 50, 350, Double.NaN, 0, 5),
                new InsightReport.SeriesPoint(FROM.plus(Duration.ofDays(2)), 30, 250, 0.5, 20, 3));
        var categories = List.of(new InsightReport.CategoryShare("billing", "Billing", 60, 0.5, 40, 0.4));
        var causes = List.of(new InsightReport.EscalationCause("negative sentiment", 8, 3));
        var example = new InsightReport.Example(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "My promo code 🙁 fails\nline one\nline two",
                FROM.plusSeconds(60));
        var fixedExample = new InsightReport.Example(
                example.conversationId(), example.messageId(), "line one\nline two", example.at());
        var topics = List.of(new InsightReport.Topic("promo code", 40, 0, 41, true, List.of(example, fixedExample)));
        return new InsightReport(
                new CustomerId(UUID.randomUUID()),
                period,
                now,
                before,
                series,
                categories,
                causes,
                topics,
                List.of("Escalations rose from 5 % to 10 % of conversations, mostly negative sentiment."),
                FROM.plus(Duration.ofDays(3)));
    }

    private static InsightReport.Totals emptyTotals() {
        return new InsightReport.Totals(0, 0, 0, 0, null, null, Double.NaN, Double.NaN, 0, 0, Double.NaN);
    }
}
