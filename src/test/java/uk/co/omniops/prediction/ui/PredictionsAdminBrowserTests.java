package uk.co.omniops.prediction.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.Axe;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/**
 * The admins' prediction page in Chromium: the calibration chart (our {@code <omni-chart>} web component with
 * Chart.js) really draws, a click on a point reaches the server and selects its bin, the forecast chart appears for a
 * customer, in light and dark mode without serious accessibility violations; other roles are turned away.
 */
@BrowserTest
class PredictionsAdminBrowserTests implements BrowserTestSupport {

    /** Resolved history seeded once per test JVM for a customer of this test's own. */
    static final int HISTORY = 12;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    Customer customer;

    BrowserContext context;
    Page page;

    /**
     * Real conversations through the real pipeline; once the prediction module has seen them, their outcomes are
     * moved into the past (spread over three weeks at two hours of the day, risks across the bins, a third
     * escalated): a resolved history as the module would have recorded it, for a customer no other test uses.
     */
    @BeforeEach
    void seedHistory() {
        customer = tenancy.ensureCustomer("predictions-admin-ui", "Predictions Admin UI Ltd", "business", "eu");
        if (rows("resolved_at is not null") >= HISTORY) {
            return;
        }
        var ids = new ArrayList<ConversationId>();
        for (int i = 0; i < HISTORY; i++) {
            ids.add(conversations
                    .start(
                            customer.id(),
                            new NewContact("History " + i, "history-" + UUID.randomUUID() + "@example.com", null),
                            "Hello, a question about my delivery.",
                            "chat",
                            null)
                    .conversation()
                    .id());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> rows("features is not null") >= HISTORY);
        for (int i = 0; i < HISTORY; i++) {
            int daysBack = 1 + (i % 3) * 7;
            int hour = i % 2 == 0 ? 10 : 15;
            double risk = 0.05 + 0.9 * i / (HISTORY - 1);
            var id = ids.get(i);
            var escalated = i % 3 == 2;
            transactions.inTenant(
                    customer.id(),
                    () -> jdbc.sql("""
                    update prediction_conversations
                       set started_at = date_trunc('day', now()) - make_interval(days => ?) + make_interval(hours => ?),
                           risk_before_label = ?, resolution_minutes = 12,
                           escalated_at = case when ? then date_trunc('day', now()) - make_interval(days => ?)
                                                + make_interval(hours => ?, mins => 5) end,
                           resolved_at = date_trunc('day', now()) - make_interval(days => ?)
                                         + make_interval(hours => ?, mins => 20)
                     where conversation_id = ?""")
                            .params(daysBack, hour, risk, escalated, daysBack, hour, daysBack, hour, id.value())
                            .update());
        }
    }

    int rows(String condition) {
        return transactions.readInTenant(
                customer.id(),
                () -> jdbc.sql("select count(*) from prediction_conversations where customer_id = ? and " + condition)
                        .param(customer.id().value())
                        .query(Integer.class)
                        .single());
    }

    void waitUntilDrawn(String chartId) {
        Browser.waitUntilChartDrawn(page, chartId);
    }

    @Test
    void adminSeesCalibrationAndForecastChartsAndDrillsIntoABin() {
        Browser.signIn(page, base(), "admin@omniops", "demo");
        assertThat(page.locator("#rollout")).isVisible();
        page.getByRole(AriaRole.NAVIGATION).getByText("Predictions").click();
        page.waitForURL("**/admin/predictions");
        assertThat(page.locator("#predictions-admin")).isVisible();
        assertThat(page.locator("#calibration-summary")).containsText("All customers");

        waitUntilDrawn("calibration-chart");
        @SuppressWarnings("unchecked")
        var chart = (Map<String, Object>) page.evaluate("""
                () => { const c = document.getElementById('calibration-chart').chartInstance;
                        return { type: c.config.type, datasets: c.data.datasets.length, labels: c.data.labels.length,
                                 animation: c.options.animation }; }""");
        assertThat(chart)
                .containsEntry("type", "line")
                .containsEntry("datasets", 3)
                .containsEntry("labels", 10)
                .containsEntry("animation", false);
        assertThat(page.locator("#calibration-chart [role=img]").getAttribute("aria-label"))
                .startsWith("Line chart: Predicted escalation risk against observed escalation rate. 10 points");
        assertThat(page.locator("#calibration-chart table th[scope=col]")).hasCount(4);

        // click the first bin that has an observed rate (or, without resolved history, its diagonal point)
        @SuppressWarnings("unchecked")
        var point = (Map<String, Object>) page.evaluate("""
                () => { const el = document.getElementById('calibration-chart');
                        const c = el.chartInstance;
                        for (const ds of [0, 2]) {
                          const meta = c.getDatasetMeta(ds);
                          const i = c.data.datasets[ds].data.findIndex(v => v !== null);
                          if (i >= 0) {
                            const r = c.canvas.getBoundingClientRect();
                            return { x: r.left + meta.data[i].x, y: r.top + meta.data[i].y, index: i,
                                     label: c.data.labels[i] };
                          }
                        }
                        return null; }""");
        assertThat(point).isNotNull();
        page.mouse().click(((Number) point.get("x")).doubleValue(), ((Number) point.get("y")).doubleValue());
        assertThat(page.locator("#calibration-selection")).containsText("Predicted risk " + point.get("label"));
        assertThat(page.locator("#calibration-bins tr[selected]")).hasCount(1);
        Browser.screenshot(page, "admin-predictions-light");
        assertThat(Axe.seriousViolations(page)).as("admin predictions, light").isEmpty();

        page.locator("#prediction-scope").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Predictions Admin UI Ltd"))
                .click();
        assertThat(page.locator("#calibration-summary"))
                .containsText("Predictions Admin UI Ltd: 12 resolved conversations");
        assertThat(page.locator("#forecast-summary")).containsText("weeks of history");
        assertThat(page.locator("#forecast-summary")).containsText("handle time");
        waitUntilDrawn("forecast-chart");
        assertThat(page.evaluate("() => document.getElementById('forecast-chart').chartInstance.data.labels.length"))
                .isEqualTo(168);
        // the seeded history has arrivals at 10:00 and 15:00 UTC only: the expected volume peaks there
        assertThat(page.evaluate("""
                () => { const c = document.getElementById('forecast-chart').chartInstance;
                        const ds = c.data.datasets.find(d => d.label === 'Expected conversations per hour');
                        const busy = c.data.labels.filter((l, i) => ds.data[i] > 0);
                        return busy.length > 0 && busy.every(l => /1[05]:00$/.test(l)); }""")).isEqualTo(true);

        page.locator("#forecast-chart").scrollIntoViewIfNeeded();
        Browser.screenshot(page, "admin-predictions-forecast-light");

        page.locator("#theme-toggle").click();
        try {
            page.waitForFunction("() => document.documentElement.getAttribute('theme') === 'dark'");
            // the chart redraws with the dark scheme's colours: its axis text turns light
            page.waitForFunction("""
                    () => { const c = document.getElementById('forecast-chart').chartInstance;
                            const m = /rgba?\\((\\d+), (\\d+), (\\d+)/.exec(c.options.color);
                            return m && Number(m[1]) + Number(m[2]) + Number(m[3]) > 382; }""");
            waitUntilDrawn("forecast-chart");
            Browser.screenshot(page, "admin-predictions-dark");
            page.locator("#forecast-chart").scrollIntoViewIfNeeded();
            Browser.screenshot(page, "admin-predictions-forecast-dark");
            assertThat(Axe.seriousViolations(page))
                    .as("admin predictions, dark")
                    .isEmpty();
        } finally {
            page.locator("#theme-toggle").click();
            page.waitForFunction("() => document.documentElement.getAttribute('theme') !== 'dark'");
        }
    }

    @ParameterizedTest
    @CsvSource({"agent@techsupport-co, #inbox", "executive@techsupport-co, #insights"})
    void otherRolesAreDenied(String username, String landingPage) {
        Browser.signIn(page, base(), username, "demo");
        assertThat(page.locator(landingPage)).isVisible();
        assertThat(page.getByRole(AriaRole.NAVIGATION).getByText("Predictions")).hasCount(0);
        page.navigate(base() + "/admin/predictions");
        assertThat(page.locator("#access-denied")).containsText("Access denied");
        assertThat(page.locator("#predictions-admin")).hasCount(0);
    }
}
