package uk.co.omniops.insight;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.insight.export.ReportFigures;
import uk.co.omniops.insight.internal.InsightAggregator;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/**
 * The page, the PDF and the CSV of one report show the same figures: every headline figure's value, previous value and
 * change as the page shows it is a row of the PDF's table, and the CSV's raw numbers read the same once formatted. The
 * history has a first response in both periods (120 s and 60 s now, 83 s before), so the change is a real one
 * ("+7 s"), not the "4 min / 4 min" a minute-rounded PDF printed while the page said "+37 s".
 */
@BrowserTest
class InsightsExportsAgreeBrowserTests implements BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    InsightManagement insights;

    @Autowired
    InsightAggregator aggregator;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    Customer customer;
    BrowserContext context;
    Page page;

    @BeforeEach
    void seed() {
        customer = tenancy.ensureCustomer("insight-agree", "Insight Agree Ltd", "business", "eu");
        tenancy.ensureUser(customer, "executive@insight-agree", "Eve Executive", Role.EXECUTIVE, "demo");
        History.knownHistory(transactions, jdbc, customer.id(), "agree");
        // a previous-period conversation answered in 83 s and resolved after 40 min: both durations have a change
        transactions.inTenant(customer.id(), () -> {
            var c = customer.id().value();
            History.conversation(
                    jdbc, c, "agree", "p2", History.t("09T10:00"), History.t("09T10:01"), History.t("09T10:40"));
            jdbc.sql("update conversations set first_response_at = created_at + interval '83 seconds' where id = ?")
                    .param(History.id("agree", "p2"))
                    .update();
            History.message(
                    jdbc,
                    c,
                    "agree",
                    "p2",
                    "m7",
                    "contact",
                    "Router → modem question “quoted”",
                    History.t("09T10:00"),
                    0.45,
                    "neutral");
            return null;
        });
        aggregator.rebuild(customer.id());
        insights.extractNow(customer.id(), InsightIntegrationTests.PERIOD);
    }

    @Test
    void thePagePdfAndCsvShowTheSameFiguresForTheSamePeriod() throws Exception {
        var base = "http://localhost:" + port;
        var from = LocalDate.ofInstant(InsightIntegrationTests.PERIOD.from(), ZoneOffset.UTC);
        Browser.signIn(
                page, base, "executive@insight-agree", "demo", "/insights?from=" + from + "&to=" + from.plusDays(1));
        assertThat(page.locator("[data-figure=conversations] .omniops-insight-figure-value"))
                .hasText("3");
        assertThat(page.locator("#insight-title")).hasText("Insights · Insight Agree Ltd");

        // the page: value, change and (in the title) the previous value of every headline figure
        var shown = new LinkedHashMap<String, String[]>();
        for (var figure : page.locator(".omniops-insight-figure").all()) {
            var key = figure.getAttribute("data-figure");
            var previous = figure.getAttribute("title").replaceFirst("^Previous period: ", "");
            var change = figure.locator(".omniops-insight-figure-change")
                    .textContent()
                    .replaceFirst(" vs previous$", "");
            shown.put(key, new String[] {
                figure.locator(".omniops-insight-figure-label").textContent(),
                figure.locator(".omniops-insight-figure-value").textContent(),
                previous,
                change
            });
        }
        assertThat(shown.keySet())
                .containsExactly(
                        "conversations",
                        "messages",
                        "resolved",
                        "first-response",
                        "resolution",
                        "sentiment",
                        "negative-share",
                        "escalation-rate",
                        "acceptance");
        // the service's report says the same, in the same words
        var report = insights.report(customer.id(), InsightIntegrationTests.PERIOD);
        for (var figure : ReportFigures.headline(report)) {
            assertThat(shown.get(figure.key()))
                    .as(figure.key())
                    .containsExactly(figure.label(), figure.value(), figure.previous(), figure.change());
        }
        assertThat(shown.get("first-response"))
                .containsExactly("Avg. first response", "1 min 30 s", "1 min 23 s", "+7 s");
        assertThat(shown.get("sentiment")[1]).isEqualTo("45 / 100");

        // the PDF: one table row per figure, the same four cells; units as on the page, arrows printed
        var pdfDownload =
                page.waitForDownload(() -> page.locator("#insight-pdf").click());
        String pdfText;
        try (var pdf = Loader.loadPDF(Files.readAllBytes(pdfDownload.path()))) {
            pdfText = new PDFTextStripper().getText(pdf);
            var fonts = pdf.getPage(0).getResources().getFontNames();
            assertThat(fonts)
                    .allSatisfy(name -> assertThat(pdf.getPage(0).getResources().getFont(name))
                            .isInstanceOf(PDType0Font.class));
        }
        var lines = pdfText.lines().map(String::strip).toList();
        for (var entry : shown.entrySet()) {
            var cells = entry.getValue();
            assertThat(lines).as("the PDF's row for %s", entry.getKey()).contains(String.join(" ", cells));
        }
        assertThat(pdfText).doesNotContain("(0-100)", "?").contains("→");
        assertThat(pdfText).doesNotContain("45.0 %");

        // the CSV: the raw numbers, formatted as the page formats them
        var csvDownload =
                page.waitForDownload(() -> page.locator("#insight-csv").click());
        var records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(Files.readString(csvDownload.path(), StandardCharsets.UTF_8)))
                .getRecords();
        var totals = totals(records);
        assertThat(pair(totals, "conversations", v -> ReportFigures.count(Long.parseLong(v))))
                .containsExactly(shown.get("conversations")[1], shown.get("conversations")[2]);
        assertThat(pair(totals, "messages", v -> ReportFigures.count(Long.parseLong(v))))
                .containsExactly(shown.get("messages")[1], shown.get("messages")[2]);
        assertThat(pair(totals, "resolved", v -> ReportFigures.count(Long.parseLong(v))))
                .containsExactly(shown.get("resolved")[1], shown.get("resolved")[2]);
        assertThat(pair(
                        totals,
                        "average_first_response_seconds",
                        v -> ReportFigures.duration(Duration.ofSeconds(Long.parseLong(v)))))
                .containsExactly(shown.get("first-response")[1], shown.get("first-response")[2]);
        assertThat(pair(
                        totals,
                        "average_resolution_seconds",
                        v -> ReportFigures.duration(Duration.ofSeconds(Long.parseLong(v)))))
                .containsExactly(shown.get("resolution")[1], shown.get("resolution")[2]);
        assertThat(pair(totals, "average_sentiment", v -> ReportFigures.score(Double.parseDouble(v))))
                .containsExactly(shown.get("sentiment")[1], shown.get("sentiment")[2]);
        assertThat(pair(totals, "escalation_rate", v -> ReportFigures.percent(Double.parseDouble(v))))
                .containsExactly(shown.get("escalation-rate")[1], shown.get("escalation-rate")[2]);
        assertThat(totals.get("suggestion_acceptance")[0]).isEqualTo("0.5");
        assertThat(shown.get("acceptance")[1]).isEqualTo("50.0 %");

        // highlights: the same sentences on the page, in the PDF and in the CSV
        var highlights = page.locator("#insight-highlights li").allTextContents();
        assertThat(highlights).isNotEmpty();
        var csvHighlights = records.stream()
                .filter(r -> r.get("section").equals("highlight"))
                .map(r -> r.get("current"))
                .toList();
        assertThat(csvHighlights).containsExactlyElementsOf(highlights);
        var flatPdf = pdfText.replaceAll("\\s+", " ");
        for (var highlight : highlights) {
            assertThat(flatPdf).contains(highlight.replaceAll("\\s+", " "));
        }
    }

    private static Map<String, String[]> totals(List<CSVRecord> records) {
        var out = new LinkedHashMap<String, String[]>();
        records.stream()
                .filter(r -> r.get("section").equals("totals"))
                .forEach(r -> out.put(r.get("metric"), new String[] {r.get("current"), r.get("previous")}));
        return out;
    }

    private static List<String> pair(
            Map<String, String[]> totals, String metric, java.util.function.Function<String, String> format) {
        var values = totals.get(metric);
        return java.util.Arrays.stream(values)
                .map(v -> v.isEmpty() ? "–" : format.apply(v))
                .toList();
    }
}
