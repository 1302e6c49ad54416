package uk.co.omniops.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.insight.InsightReport.CategoryShare;
import uk.co.omniops.insight.InsightReport.EscalationCause;
import uk.co.omniops.insight.InsightReport.SeriesPoint;
import uk.co.omniops.insight.internal.InsightAggregator;
import uk.co.omniops.prediction.ArrivalForecast;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * The report on a small history with known figures (customer A), next to a busier customer B that must never leak
 * into A's numbers; incremental aggregation against a full rebuild (customer D, which the test changes); the volume
 * forecast from the report's series (customer W, a planted weekly pattern).
 */
@OmniOpsIntegrationTest
class InsightIntegrationTests {

    static final Instant P = History.at("10T00:00");
    static final InsightPeriod PERIOD = new InsightPeriod(P, P.plus(Duration.ofDays(2)));

    @Autowired
    InsightManagement insights;

    @Autowired
    InsightAggregator aggregator;

    @Autowired
    PredictionManagement predictions;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    Customer a;
    Customer b;

    @BeforeEach
    void setUp() {
        a = tenancy.ensureCustomer("insight-it-a", "Insight IT A", "business", "eu");
        b = tenancy.ensureCustomer("insight-it-b", "Insight IT B", "business", "eu");
        History.knownHistory(transactions, jdbc, a.id(), "a");
        History.busyHistory(transactions, jdbc, b.id(), "b");
        aggregator.rebuild(a.id());
        aggregator.rebuild(b.id());
    }

    static Instant at(String dayHourMinute) {
        return History.at(dayHourMinute);
    }

    @Test
    void reportTotalsSeriesCategoriesAndCausesMatchTheHistory() {
        var report = insights.report(a.id(), PERIOD);

        var now = report.current();
        assertThat(now.conversations()).isEqualTo(3);
        assertThat(now.messages()).isEqualTo(5);
        assertThat(now.customerMessages()).isEqualTo(4);
        assertThat(now.resolved()).isEqualTo(2);
        assertThat(now.averageFirstResponse()).isEqualTo(Duration.ofSeconds(90));
        assertThat(now.averageResolution()).isEqualTo(Duration.ofSeconds(2700));
        assertThat(now.averageSentiment()).isCloseTo(0.45, within(1e-9));
        assertThat(now.negativeShare()).isCloseTo(0.5, within(1e-9));
        assertThat(now.escalations()).isEqualTo(1);
        assertThat(now.escalationRate()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(now.suggestionAcceptance()).isCloseTo(0.5, within(1e-9));

        var before = report.previous();
        assertThat(before.conversations()).isEqualTo(1);
        assertThat(before.messages()).isEqualTo(1);
        assertThat(before.escalations()).isEqualTo(1);
        assertThat(before.averageFirstResponse()).isNull();
        assertThat(before.suggestionAcceptance()).isNaN();

        // two days: hourly points, gaps filled
        assertThat(report.series()).hasSize(48);
        assertThat(report.series().getFirst().start()).isEqualTo(P);
        var nine = report.series().get(9);
        assertThat(nine)
                .extracting(
                        SeriesPoint::start,
                        SeriesPoint::conversations,
                        SeriesPoint::messages,
                        SeriesPoint::negativeMessages,
                        SeriesPoint::escalations)
                .containsExactly(at("10T09:00"), 2L, 4L, 2L, 1L);
        assertThat(nine.averageSentiment()).isCloseTo((0.2 + 0.6 + 0.1) / 3, within(1e-9));
        assertThat(report.series().get(39).conversations()).isEqualTo(1);
        assertThat(report.series().get(10).averageSentiment()).isNaN();
        assertThat(report.series().stream().mapToLong(SeriesPoint::messages).sum())
                .isEqualTo(5);

        assertThat(report.categories())
                .extracting(CategoryShare::category, CategoryShare::conversations, CategoryShare::previousConversations)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("billing", 2L, 1L),
                        org.assertj.core.groups.Tuple.tuple("delivery", 2L, 0L));
        assertThat(report.categories().getFirst().share()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(report.categories().getFirst().previousShare()).isEqualTo(1.0);
        assertThat(report.categories().getFirst().displayName()).isEqualTo("Billing & payments");

        assertThat(report.escalationCauses())
                .extracting(EscalationCause::cause, EscalationCause::count, EscalationCause::previousCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Negative sentiment", 1L, 0L),
                        org.assertj.core.groups.Tuple.tuple("Waiting too long", 0L, 1L));
        assertThat(report.highlights()).anyMatch(h -> h.startsWith("Escalations") && h.contains("Negative sentiment"));

        // daily points beyond two days
        var week = insights.report(a.id(), new InsightPeriod(at("08T00:00"), at("15T00:00")));
        assertThat(week.series()).hasSize(7);
        assertThat(week.series().stream().mapToLong(SeriesPoint::conversations).toArray())
                .containsExactly(0, 1, 2, 1, 0, 0, 0);
    }

    @Test
    void drillDownFiltersUseTheCustomersConversationsOnly() {
        var all = insights.drillDown(a.id(), DrillDown.all(PERIOD), 50);
        assertThat(all)
                .extracting(DrillDownRow::conversationId)
                .containsExactly(History.id("a", "conv3"), History.id("a", "conv2"), History.id("a", "conv1"));
        var first = all.getLast();
        assertThat(first.firstCustomerMessage()).isEqualTo("My promo code fails at checkout");
        assertThat(first.escalated()).isTrue();
        assertThat(first.averageSentiment()).isCloseTo(0.4, within(1e-9));
        assertThat(first.contactName()).isEqualTo("Ann a");

        assertThat(insights.drillDown(a.id(), new DrillDown(PERIOD, "delivery", null, false, false), 50))
                .extracting(DrillDownRow::conversationId)
                .containsExactly(History.id("a", "conv3"), History.id("a", "conv2"));
        assertThat(insights.drillDown(a.id(), new DrillDown(PERIOD, null, "promo code", false, false), 50))
                .extracting(DrillDownRow::conversationId)
                .containsExactly(History.id("a", "conv1"));
        assertThat(insights.drillDown(a.id(), new DrillDown(PERIOD, null, null, true, false), 50))
                .extracting(DrillDownRow::conversationId)
                .containsExactly(History.id("a", "conv1"));
        assertThat(insights.drillDown(a.id(), new DrillDown(PERIOD, null, null, false, true), 50))
                .extracting(DrillDownRow::conversationId)
                .containsExactly(History.id("a", "conv2"), History.id("a", "conv1"));
        assertThat(insights.drillDown(a.id(), DrillDown.all(PERIOD), 1)).hasSize(1);
        // a LIKE pattern in the topic is text, not a wildcard
        assertThat(insights.drillDown(a.id(), new DrillDown(PERIOD, null, "%", false, false), 50))
                .isEmpty();
    }

    @Test
    void customerANeverSeesCustomerBsNumbers() {
        var reportA = insights.report(a.id(), PERIOD);
        var reportB = insights.report(b.id(), PERIOD);
        assertThat(reportB.current().conversations()).isEqualTo(20);
        assertThat(reportA.current().conversations()).isEqualTo(3);
        assertThat(reportA.categories()).extracting(CategoryShare::category).doesNotContain("refund");
        assertThat(reportA.escalationCauses())
                .extracting(EscalationCause::cause)
                .doesNotContain("B only rule");
        assertThat(insights.drillDown(a.id(), DrillDown.all(PERIOD), 500))
                .hasSize(3)
                .noneMatch(r -> r.contactName().contains(" b"));
        // row-level security: inside A's tenant transaction B's aggregates do not exist, even when asked by id
        for (var table : List.of(
                "insight_hourly", "insight_hourly_categories", "insight_hourly_causes", "insight_aggregation_state")) {
            long rows = transactions.readInTenant(
                    a.id(),
                    () -> jdbc.sql("select count(*) from " + table + " where customer_id = ?")
                            .param(b.id().value())
                            .query(Long.class)
                            .single());
            assertThat(rows).as(table).isZero();
        }
    }

    @Test
    void incrementalAggregationRecomputesOnlyTouchedHoursAndEqualsAFullRebuild() {
        var d = tenancy.ensureCustomer(
                "insight-it-d-" + UUID.randomUUID().toString().substring(0, 8), "Insight IT D", "business", "eu");
        History.knownHistory(transactions, jdbc, d.id(), "d-" + d.slug());
        var full = aggregator.rebuild(d.id());
        assertThat(full.full()).isTrue();
        var snapshot = snapshot(d.id());

        // nothing changed since: nothing recomputed, nothing different (idempotent)
        var again = aggregator.refresh(d.id());
        assertThat(again.full()).isFalse();
        assertThat(again.hours()).isZero();
        assertThat(snapshot(d.id())).isEqualTo(snapshot);

        // a message arrives now in an old conversation, and the old open conversation is resolved now
        var conv2 = History.id("d-" + d.slug(), "conv2");
        var now = transactions.inTenant(d.id(), () -> {
            jdbc.sql("""
                    insert into messages (id, customer_id, conversation_id, author_type, text)
                    values (?, ?, ?, 'contact', 'Any news about my delivery?')""").params(UUID.randomUUID(), d.id().value(), conv2).update();
            jdbc.sql(
                            "update conversations set status = 'resolved', resolved_at = now(), updated_at = now() where id = ?")
                    .param(conv2)
                    .update();
            return jdbc.sql("select now()").query(Timestamp.class).single().toInstant();
        });
        var incremental = aggregator.refresh(d.id());
        // the current hour (message, resolution) and the hour conv2 started in (its categories and first response)
        assertThat(incremental.hours()).isEqualTo(2);
        var afterIncremental = snapshot(d.id());
        aggregator.rebuild(d.id());
        assertThat(snapshot(d.id())).isEqualTo(afterIncremental);

        var today = new InsightPeriod(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
        var report = insights.report(d.id(), today);
        assertThat(report.current().messages()).isEqualTo(1);
        assertThat(report.current().resolved()).isEqualTo(1);
        // the refresh right after re-reads the overlap and writes the same figures again
        aggregator.refresh(d.id());
        assertThat(snapshot(d.id())).isEqualTo(afterIncremental);
    }

    /**
     * The insights page forecasts from the report's own volume series: three weeks planted with 6 conversations on
     * weekdays and 2 at weekends come back through the aggregates and the forecast follows the same pattern; nine
     * days (after the first one) are too few.
     */
    @Test
    void theVolumeForecastContinuesTheReportsDailySeriesWithItsWeeklyPattern() {
        var w = tenancy.ensureCustomer(
                "insight-it-w-" + UUID.randomUUID().toString().substring(0, 8), "Insight IT W", "business", "eu");
        var p = "w-" + w.slug();
        var today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        transactions.inTenant(w.id(), () -> {
            jdbc.sql("insert into contacts (id, customer_id, name) values (?, ?, ?)")
                    .params(History.id(p, "contact"), w.id().value(), "Wes")
                    .update();
            for (int d = 1; d <= 21; d++) {
                var day = today.minus(Duration.ofDays(d));
                for (int i = 0; i < (weekend(day) ? 2 : 6); i++) {
                    History.conversation(
                            jdbc,
                            w.id().value(),
                            p,
                            d + "-" + i,
                            Timestamp.from(day.plus(Duration.ofHours(8 + i))),
                            null,
                            null);
                }
            }
            return null;
        });
        aggregator.rebuild(w.id());
        var start = today.minus(Duration.ofDays(56));

        var counts = insights.arrivals(w.id(), new InsightPeriod(start, today), ChronoUnit.DAYS);
        assertThat(counts).hasSize(56);
        assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(15 * 6 + 6 * 2);

        var forecast = predictions.forecastArrivals(w.id(), start, Duration.ofDays(1), counts, 7);
        assertThat(forecast.status()).isEqualTo(ArrivalForecast.Status.READY);
        assertThat(forecast.daysOfHistory()).isEqualTo(20); // the first day may be partial: not counted
        assertThat(forecast.buckets()).hasSize(7).allSatisfy(day -> {
            assertThat(day.expected()).as("%s", day.start()).isCloseTo(weekend(day.start()) ? 2 : 6, within(1e-6));
            assertThat(day.lower()).isLessThan(day.expected());
            assertThat(day.upper()).isGreaterThan(day.expected());
        });

        var tenDays =
                insights.arrivals(w.id(), new InsightPeriod(today.minus(Duration.ofDays(10)), today), ChronoUnit.DAYS);
        var tooFew =
                predictions.forecastArrivals(w.id(), today.minus(Duration.ofDays(10)), Duration.ofDays(1), tenDays, 7);
        assertThat(tooFew.status()).isEqualTo(ArrivalForecast.Status.TOO_LITTLE_HISTORY);
        assertThat(tooFew.daysOfHistory()).isEqualTo(9);
        assertThat(tooFew.buckets()).isEmpty();
    }

    static boolean weekend(Instant day) {
        var weekday = day.atZone(ZoneOffset.UTC).getDayOfWeek();
        return weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
    }

    /** Every aggregate row of the customer except the time it was computed. */
    List<Map<String, Object>> snapshot(CustomerId customer) {
        return transactions.readInTenant(customer, () -> {
            var rows = new java.util.ArrayList<Map<String, Object>>();
            rows.addAll(jdbc.sql("""
                    select hour, conversations, categorised_conversations, messages, customer_messages, sentiment_sum,
                           sentiment_count, negative_messages, escalations, resolved, first_response_seconds,
                           first_response_count, resolution_seconds, resolution_count, suggestions_shown,
                           suggestions_accepted
                      from insight_hourly where customer_id = ? and (conversations > 0 or messages > 0 or resolved > 0
                           or escalations > 0) order by hour""").param(customer.value()).query().listOfRows());
            rows.addAll(jdbc.sql("select hour, category_key, conversations from insight_hourly_categories"
                            + " where customer_id = ? order by 1, 2")
                    .param(customer.value())
                    .query()
                    .listOfRows());
            rows.addAll(jdbc.sql("select hour, cause, escalations from insight_hourly_causes"
                            + " where customer_id = ? order by 1, 2")
                    .param(customer.value())
                    .query()
                    .listOfRows());
            return rows;
        });
    }
}
