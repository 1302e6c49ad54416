package uk.co.omniops.insight.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.insight.DrillDown;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * Benchmark, not a test (no timing assertions; skipped unless {@code -Dbenchmark=insights}): one customer with
 * 1,000,000 messages (250,000 conversations × 4 messages over 90 days, written into the real tables through each
 * owning module's bulk import), then the full aggregation, an incremental refresh, {@code report()} for 7/30/90 days, extraction
 * of 7 days, and drill-downs. Figures go to docs/benchmarks-insights.part.md.
 *
 * <pre>
 * ./mvnw -o test -Dtest=InsightBenchmarkTests -Dbenchmark=insights -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@OmniOpsIntegrationTest
@EnabledIfSystemProperty(named = "benchmark", matches = "insights")
@Tag("load")
class InsightBenchmarkTests {

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    SyntheticHistory history;

    @Autowired
    InsightAggregator aggregator;

    @Autowired
    uk.co.omniops.insight.InsightManagement service;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void oneMillionMessages() {
        var customer = tenancy.ensureCustomer("insight-bench", "Insight Bench", "enterprise", "eu")
                .id();
        int conversations = Integer.getInteger("benchmark.conversations", 250_000);
        var plan = new SyntheticHistory.Plan(
                "insight-bench-v1",
                90,
                conversations,
                4,
                InsightExtractionTests.PLAN.lines(),
                InsightExtractionTests.PLAN.emerging(),
                10);
        var now = Instant.now();

        long t0 = System.nanoTime();
        int messages = history.generate(customer, plan, now);
        report("generate %,d messages (%,d conversations)".formatted(messages, conversations), t0);
        try (var owner = java.sql.DriverManager.getConnection(uk.co.omniops.test.TestInfrastructure.ownerJdbcUrl());
                var st = owner.createStatement()) {
            long a = System.nanoTime();
            st.execute("analyze");
            report("analyze (owner)", a);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        long total = transactions.readInTenant(
                customer,
                () -> jdbc.sql("select count(*) from messages where customer_id = ?")
                        .param(customer.value())
                        .query(Long.class)
                        .single());
        System.out.printf("BENCH messages of the customer: %,d%n", total);

        t0 = System.nanoTime();
        var full = aggregator.rebuild(customer);
        report("full aggregation (%,d hours)".formatted(full.hours()), t0);

        // 5 minutes of traffic: 100 new messages, then the incremental refresh
        transactions.inTenant(
                customer,
                () -> jdbc.sql("""
                insert into messages (id, customer_id, conversation_id, author_type, text)
                select gen_random_uuid(), ?, (select id from conversations where customer_id = ? order by created_at desc
                                               limit 1), 'contact', 'Still no sign of my order ' || g
                  from generate_series(1, 100) g""").params(customer.value(), customer.value()).update());
        t0 = System.nanoTime();
        var incremental = aggregator.refresh(customer);
        report("incremental refresh after 100 new messages (%d hours recomputed)".formatted(incremental.hours()), t0);
        t0 = System.nanoTime();
        aggregator.refresh(customer);
        report("incremental refresh, nothing new", t0);

        var end = now.truncatedTo(ChronoUnit.HOURS);
        for (int days : List.of(7, 30, 90)) {
            var period = new InsightPeriod(end.minus(Duration.ofDays(days)), end);
            var times = new ArrayList<Long>();
            for (int i = 0; i < 6; i++) {
                long s = System.nanoTime();
                service.report(customer, period);
                times.add((System.nanoTime() - s) / 1_000_000);
            }
            System.out.printf(
                    "BENCH report() %d days: first %d ms, then %s ms%n",
                    days, times.getFirst(), times.subList(1, times.size()));
        }
        var week = new InsightPeriod(end.minus(Duration.ofDays(7)), end);
        t0 = System.nanoTime();
        var extracted = service.extractNow(customer, week);
        report(
                "extraction of 7 days (%,d customer messages in the period, %d topics, emerging: %s)"
                        .formatted(
                                extracted.current().customerMessages(),
                                extracted.topics().size(),
                                extracted.topics().stream()
                                        .filter(t -> t.emerging())
                                        .map(t -> t.phrase())
                                        .toList()),
                t0);
        timed("drill-down, all, 50 rows", () -> service.drillDown(customer, DrillDown.all(week), 50));
        timed(
                "drill-down, category billing, 50 rows",
                () -> service.drillDown(customer, new DrillDown(week, "billing", null, false, false), 50));
        timed(
                "drill-down, topic 'promo code', 50 rows",
                () -> service.drillDown(customer, new DrillDown(week, null, "promo code", false, false), 50));
        timed(
                "drill-down, topic that never occurs (scans the period)",
                () -> service.drillDown(customer, new DrillDown(week, null, "zebra crossing", false, false), 50));
        timed(
                "drill-down, escalated and negative, 50 rows",
                () -> service.drillDown(customer, new DrillDown(week, null, null, true, true), 50));
        System.out.println("BENCH highlights: " + extracted.highlights());
        pageLoads(customer, end);
    }

    /**
     * The executive's page in Chromium: from navigation start until every chart has drawn (figures, highlights,
     * charts and topics rendered by the server and the browser), for 7, 30 and 90 days; the first load of a session
     * and a reload.
     */
    private void pageLoads(uk.co.omniops.tenancy.CustomerId customer, Instant end) {
        var bench = tenancy.customer(customer).orElseThrow();
        tenancy.ensureUser(
                bench, "executive@insight-bench", "Bench Executive", uk.co.omniops.tenancy.Role.EXECUTIVE, "demo");
        var context = uk.co.omniops.test.Browser.newContext();
        try {
            var page = context.newPage();
            var base = "http://localhost:" + port;
            uk.co.omniops.test.Browser.signIn(page, base, "executive@insight-bench", "demo");
            page.waitForURL("**/insights**");
            var lastDay = java.time.LocalDate.ofInstant(end.minusSeconds(1), java.time.ZoneOffset.UTC);
            for (int days : List.of(7, 30, 90)) {
                var url = base + "/insights?from=" + lastDay.minusDays(days - 1) + "&to=" + lastDay;
                var times = new ArrayList<Long>();
                for (int i = 0; i < 3; i++) {
                    long s = System.nanoTime();
                    page.navigate(url);
                    for (var chart : List.of(
                            "insight-chart-volume",
                            "insight-chart-sentiment",
                            "insight-chart-categories",
                            "insight-chart-escalations",
                            "insight-chart-topics")) {
                        uk.co.omniops.test.Browser.waitUntilChartDrawn(page, chart);
                    }
                    times.add((System.nanoTime() - s) / 1_000_000);
                }
                System.out.printf("BENCH page /insights %d days, navigation to all charts drawn: %s ms%n", days, times);
            }
            uk.co.omniops.test.Browser.screenshot(page, "insights-benchmark-90-days");
        } finally {
            context.close();
        }
    }

    static void report(String what, long startNanos) {
        System.out.printf("BENCH %s: %,d ms%n", what, (System.nanoTime() - startNanos) / 1_000_000);
    }

    static void timed(String what, Supplier<?> work) {
        work.get();
        long s = System.nanoTime();
        var result = work.get();
        System.out.printf(
                "BENCH %s: %d ms (%s rows)%n",
                what, (System.nanoTime() - s) / 1_000_000, result instanceof List<?> l ? l.size() : "?");
    }
}
