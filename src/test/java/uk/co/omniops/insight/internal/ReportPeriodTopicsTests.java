package uk.co.omniops.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.insight.InsightManagement;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport.Topic;
import uk.co.omniops.insight.internal.SyntheticHistory.Line;
import uk.co.omniops.insight.internal.SyntheticHistory.Plan;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * A report's topics and highlights are those of its own period: the page's "Last 7 days" (whole UTC days) has an
 * extraction of exactly that period, every emerging issue a highlight cites is in the topics with the same count, a
 * re-extraction of unchanged messages gives the same topics, and a report for another, overlapping period does not
 * borrow the extraction's counts ("69 mentions, none before" that turned into "60, 9 before" on re-extraction).
 */
@OmniOpsIntegrationTest
class ReportPeriodTopicsTests {

    @Autowired
    InsightService service;

    @Autowired
    InsightManagement insights;

    @Autowired
    InsightAggregator aggregator;

    @Autowired
    SyntheticHistory history;

    @Autowired
    TenancyManagement tenancy;

    /** The extraction tests' food-delivery lines under its own seed, with a promo-code issue worded for this test. */
    static final Plan PLAN = new Plan(
            "report-period-topics-v1",
            14,
            700,
            2,
            InsightExtractionTests.PLAN.lines(),
            List.of(
                    new Line("billing", 0.2, "The promo code does not work at checkout."),
                    new Line("billing", 0.25, "My promo code was rejected at checkout.")),
            4);

    Customer customer;
    Instant now;

    @BeforeEach
    void setUp() {
        customer = tenancy.ensureCustomer("report-period-topics", "Report Period Topics", "business", "eu");
        now = Instant.now();
        history.generate(customer.id(), PLAN, now);
        aggregator.rebuild(customer.id());
    }

    @Test
    void theReportShowsTopicsOfItsOwnPeriodOnlyAndTheHighlightsCiteThem() {
        var lastSevenDays = InsightPeriod.lastDays(InsightSchedule.DEFAULT_DAYS, now);
        assertThat(lastSevenDays.to())
                .isEqualTo(now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)));
        assertThat(lastSevenDays.length()).isEqualTo(Duration.ofDays(7));

        var extracted = service.extract(customer.id(), lastSevenDays, false);
        var report = insights.report(customer.id(), lastSevenDays);

        assertThat(report.extractedAt()).isEqualTo(extracted.extractedAt());
        assertThat(report.topics()).isEqualTo(extracted.topics()).anyMatch(Topic::emerging);
        var emerging = report.highlights().stream()
                .filter(h -> h.startsWith("Emerging issue"))
                .toList();
        assertThat(emerging).isNotEmpty();
        for (var highlight : emerging) {
            assertThat(report.topics()).as(highlight).anySatisfy(topic -> {
                assertThat(topic.emerging()).isTrue();
                assertThat(highlight)
                        .contains("\u201c" + topic.phrase() + "\u201d")
                        .contains(" in " + String.format(java.util.Locale.UK, "%,d", topic.count())
                                + " customer messages");
            });
        }

        // the same messages extracted again: the same topics and counts
        var again = service.extract(customer.id(), lastSevenDays, true);
        assertThat(again.topics())
                .extracting(Topic::phrase, Topic::count, Topic::previousCount, Topic::emerging)
                .containsExactlyElementsOf(report.topics().stream()
                        .map(t -> org.assertj.core.groups.Tuple.tuple(
                                t.phrase(), t.count(), t.previousCount(), t.emerging()))
                        .toList());

        // a period that overlaps but is not the extracted one borrows nothing
        var end = now.truncatedTo(ChronoUnit.HOURS);
        var overlapping = new InsightPeriod(end.minus(Duration.ofDays(7)), end);
        assertThat(overlapping).isNotEqualTo(lastSevenDays);
        var other = insights.report(customer.id(), overlapping);
        assertThat(other.topics()).isEmpty();
        assertThat(other.extractedAt()).isNull();
        assertThat(other.highlights()).noneMatch(h -> h.startsWith("Emerging issue"));
        assertThat(other.current().conversations()).isPositive();
    }
}
