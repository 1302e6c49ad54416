package uk.co.omniops.insight;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.insight.internal.InsightAggregator;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.Axe;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/**
 * The executive insights report in Chromium on a history with known figures (customer A: 3 conversations in the
 * period, 1 before; customer B: 20 busy ones that must never show for A): figures, drawn charts, a drill-down from a
 * chart bar to the conversations behind it, CSV and PDF downloads that parse to the same figures, and tenancy both
 * ways (an executive's hand-edited link to another customer, an admin's customer picker).
 */
@BrowserTest
class InsightsReportBrowserTests implements BrowserTestSupport {

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

    Customer a;
    Customer b;
    BrowserContext context;
    Page page;

    @BeforeEach
    void seed() {
        a = tenancy.ensureCustomer("insight-ui-a", "Insight UI A", "business", "eu");
        b = tenancy.ensureCustomer("insight-ui-b", "Insight UI B", "business", "eu");
        tenancy.ensureUser(a, "executive@insight-ui-a", "Erin Executive", Role.EXECUTIVE, "demo");
        History.knownHistory(transactions, jdbc, a.id(), "ui-a");
        History.busyHistory(transactions, jdbc, b.id(), "ui-b");
        aggregator.rebuild(a.id());
        aggregator.rebuild(b.id());
        insights.extractNow(a.id(), InsightIntegrationTests.PERIOD);
    }

    String reportUrl(String extra) {
        return "http://localhost:" + port + reportPath(extra);
    }

    static String reportPath(String extra) {
        var from = LocalDate.ofInstant(InsightIntegrationTests.PERIOD.from(), ZoneOffset.UTC);
        return "/insights?from=" + from + "&to=" + from.plusDays(1) + extra;
    }

    String figure(String key) {
        return page.locator("[data-figure=" + key + "] .omniops-insight-figure-value")
                .textContent();
    }

    void waitUntilDrawn(String chartId) {
        Browser.waitUntilChartDrawn(page, chartId);
    }

    @Test
    void executiveSeesFiguresAndChartsDrillsDownAndDownloadsCsvAndPdf() throws Exception {
        Browser.signIn(page, "http://localhost:" + port, "executive@insight-ui-a", "demo");
        page.waitForURL("**/insights**");
        // the default period (the last 7 days) is current: the volume chart goes on with next week's forecast
        assertThat(page.locator("#insight-forecast-note")).containsText("Forecast from");
        waitUntilDrawn("insight-chart-volume");
        assertThat(page.evaluate("""
                () => { const c = document.getElementById('insight-chart-volume').chartInstance;
                        const f = c.data.datasets.find(d => d.label === 'Forecast');
                        return f ? f.data.filter(v => v !== null).length : 0; }""")).isEqualTo(7);
        page.locator(".omniops-insight-chart")
                .first()
                .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(java.nio.file.Paths.get("target", "screenshots", "insights-volume-forecast.png")));
        page.navigate(reportUrl(""));

        assertThat(page.locator("#insight-comparison")).containsText("compared with");
        assertThat(page.locator("[data-figure=conversations] .omniops-insight-figure-value"))
                .hasText("3");
        assertThat(page.locator("#insight-forecast-note")).hasCount(0); // a past period: no forecast
        assertThat(page.locator("[data-figure=conversations] .omniops-insight-figure-change"))
                .hasText("+200 % vs previous");
        assertThat(page.locator("[data-figure=escalation-rate] .omniops-insight-figure-value"))
                .hasText("33.3 %");
        assertThat(page.locator("#insight-highlights")).containsText("Negative sentiment");
        for (var chart : new String[] {
            "insight-chart-volume",
            "insight-chart-sentiment",
            "insight-chart-categories",
            "insight-chart-escalations",
            "insight-chart-topics"
        }) {
            waitUntilDrawn(chart);
        }
        Browser.screenshot(page, "insights-executive");
        page.locator("#insight-charts")
                .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(java.nio.file.Paths.get("target", "screenshots", "insights-executive-charts.png")));
        assertThat(Axe.seriousViolations(page)).isEmpty();

        // drill down: the "This period" bar of the first category (Billing & payments: conv1 and conv3)
        @SuppressWarnings("unchecked")
        var bar = (Map<String, Object>) page.evaluate("""
                () => { const c = document.getElementById('insight-chart-categories').chartInstance;
                        const el = c.getDatasetMeta(0).data[0]; const r = c.canvas.getBoundingClientRect();
                        return { x: r.left + el.x, y: r.top + (el.y + el.base) / 2, label: c.data.labels[0] }; }""");
        assertThat(bar.get("label")).isEqualTo("Billing & payments");
        page.locator("#insight-chart-categories").scrollIntoViewIfNeeded();
        bar = (Map<String, Object>) page.evaluate("""
                () => { const c = document.getElementById('insight-chart-categories').chartInstance;
                        const el = c.getDatasetMeta(0).data[0]; const r = c.canvas.getBoundingClientRect();
                        return { x: r.left + el.x, y: r.top + (el.y + el.base) / 2 }; }""");
        page.mouse().click(((Number) bar.get("x")).doubleValue(), ((Number) bar.get("y")).doubleValue());
        assertThat(page.locator("#insight-drilldown")).isVisible();
        assertThat(page.getByText("Billing & payments conversations")).isVisible();
        var rows = page.locator("#insight-drilldown vaadin-grid-cell-content")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Ann ui-a"));
        assertThat(rows).hasCount(2);

        // on demand extraction from the page
        page.locator("#insight-extract").click();
        assertThat(page.getByText("Insights extracted.")).isVisible();
        assertThat(page.locator("[data-figure=first-response] .omniops-insight-figure-value"))
                .hasText("1 min 30 s");

        // CSV: parses, same figures as the page
        var csvDownload =
                page.waitForDownload(() -> page.locator("#insight-csv").click());
        assertThat(csvDownload.suggestedFilename())
                .startsWith("insights-insight-ui-a-")
                .endsWith(".csv");
        var csv = Files.readString(csvDownload.path(), StandardCharsets.UTF_8);
        var records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        assertThat(value(records, "totals", "conversations")).containsExactly("3", "1");
        assertThat(value(records, "totals", "escalations")).containsExactly("1", "1");
        assertThat(records)
                .noneMatch(
                        r -> r.get("item").contains("ui-b") || r.get("current").contains("refund"));

        // PDF: opens, names the customer, carries the headline figures
        var pdfDownload =
                page.waitForDownload(() -> page.locator("#insight-pdf").click());
        assertThat(pdfDownload.suggestedFilename()).endsWith(".pdf");
        try (var pdf = Loader.loadPDF(Files.readAllBytes(pdfDownload.path()))) {
            var text = new PDFTextStripper().getText(pdf);
            assertThat(text)
                    .contains(
                            "Insights report: Insight UI A",
                            "Headline figures",
                            "Conversations 3 1",
                            "Billing & payments");
        }
    }

    @Test
    void anExecutiveNeverSeesAnotherCustomersNumbersButAnAdminPicksAnyCustomer() {
        Browser.signIn(
                page,
                "http://localhost:" + port,
                "executive@insight-ui-a",
                "demo",
                reportPath("&customer=insight-ui-b"));
        assertThat(page.locator("[data-figure=conversations] .omniops-insight-figure-value"))
                .hasText("3");
        assertThat(page.locator("#insight-customer")).isHidden();
        assertThat(page.locator("body")).not().containsText("Insight UI B");

        context.close();
        context = Browser.newContext();
        page = context.newPage();
        Browser.signIn(page, "http://localhost:" + port, "admin@omniops", "demo", reportPath("&customer=insight-ui-b"));
        assertThat(page.locator("#insight-customer input")).hasValue("Insight UI B");
        assertThat(page.locator("[data-figure=conversations] .omniops-insight-figure-value"))
                .hasText("20");
        Browser.screenshot(page, "insights-admin-customer-b");
    }

    private static java.util.List<String> value(java.util.List<CSVRecord> records, String section, String metric) {
        return records.stream()
                .filter(r -> r.get("section").equals(section) && r.get("metric").equals(metric))
                .findFirst()
                .map(r -> java.util.List.of(r.get("current"), r.get("previous")))
                .orElseThrow();
    }
}
