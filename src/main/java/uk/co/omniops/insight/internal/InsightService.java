package uk.co.omniops.insight.internal;

import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.insight.InsightManagement;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.insight.InsightReport.Totals;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The insight module's engine behind {@link InsightManagement}: reports from the hourly aggregates plus the latest
 * extraction, and extraction (aggregates refreshed, topics from the period's customer messages, one
 * {@code conversation_insights} row), also run by the schedule and the demo history.
 */
@Service
public class InsightService {

    private static final Logger log = LoggerFactory.getLogger(InsightService.class);

    /** {@code conversation_insights.kind} of an extraction. */
    static final String KIND = "report";

    /** At most this many customer messages per period feed topic extraction (the newest). */
    static final int MAX_TEXTS = 100_000;

    private final ReportReads reads;
    private final InsightAggregator aggregator;
    private final TenantTransactions transactions;
    private final FeatureFlags flags;
    private final AnalysisManagement analysis;
    private final JdbcClient jdbc;

    InsightService(
            ReportReads reads,
            InsightAggregator aggregator,
            TenantTransactions transactions,
            FeatureFlags flags,
            AnalysisManagement analysis,
            JdbcClient jdbc) {
        this.reads = reads;
        this.aggregator = aggregator;
        this.transactions = transactions;
        this.flags = flags;
        this.analysis = analysis;
        this.jdbc = jdbc;
    }

    public boolean enabled(CustomerId customer) {
        return flags.isEnabled(customer, Feature.CONVERSATION_INSIGHTS);
    }

    /** The report from the aggregates and the latest stored extraction, in the caller's tenant transaction. */
    public InsightReport storedReport(CustomerId customer, InsightPeriod period, Map<String, String> names) {
        // topics and highlights of exactly this period: another period's counts and comparison ("69 mentions,
        // none before" from last Monday's week) read as this period's and change on re-extraction
        var extraction =
                reads.latestExtraction(customer, period).filter(e -> e.period().equals(period));
        var stored = extraction.map(e -> InsightJson.read(e.json()));
        return build(
                customer,
                period,
                names,
                stored.map(InsightJson::topics).orElse(List.of()),
                stored.map(InsightJson::extractedAt).orElse(null));
    }

    /** Conversations started per hour or day of the period, in the caller's tenant transaction. */
    public List<Long> arrivals(CustomerId customer, InsightPeriod period, ChronoUnit unit) {
        return reads.series(customer, period, unit).stream()
                .map(InsightReport.SeriesPoint::conversations)
                .toList();
    }

    /**
     * Refreshes the customer's aggregates, extracts the period's topics and stores the report as one
     * {@code conversation_insights} row; an empty report with the feature off.
     */
    public InsightReport extract(CustomerId customer, InsightPeriod period, boolean onDemand) {
        if (!enabled(customer)) {
            return empty(customer, period);
        }
        aggregator.refresh(customer);
        var names = displayNames(customer);
        var current = transactions.readInTenant(customer, () -> texts(customer, period));
        var previous = transactions.readInTenant(customer, () -> texts(customer, period.previous()));
        var topics = topics(customer, current, previous);
        return transactions.inTenant(customer, () -> {
            var at = jdbc.sql("select now()")
                    .query((rs, i) -> rs.getTimestamp(1).toInstant())
                    .single();
            var report = build(customer, period, names, topics, at);
            jdbc.sql("""
                    insert into conversation_insights (id, customer_id, period_start, period_end, kind, data, created_at)
                    values (?, ?, ?, ?, ?, ?::jsonb, ?)""")
                    .params(
                            UUID.randomUUID(),
                            customer.value(),
                            Timestamp.from(period.from()),
                            Timestamp.from(period.to()),
                            KIND,
                            InsightJson.of(report, at, onDemand).write(),
                            Timestamp.from(at))
                    .update();
            log.info(
                    "Insights extracted for {} {}..{} ({} messages, {} topics, {} emerging{})",
                    customer.value(),
                    period.from(),
                    period.to(),
                    current.size(),
                    topics.size(),
                    topics.stream().filter(InsightReport.Topic::emerging).count(),
                    onDemand ? ", on demand" : "");
            return report;
        });
    }

    private InsightReport build(
            CustomerId customer,
            InsightPeriod period,
            Map<String, String> names,
            List<InsightReport.Topic> topics,
            java.time.@Nullable Instant extractedAt) {
        var now = reads.totals(customer, period);
        var before = reads.totals(customer, period.previous());
        var categories = reads.categories(customer, period, names);
        var causes = reads.causes(customer, period);
        var highlights = Highlights.of(now, before, categories, causes, topics);
        return new InsightReport(
                customer,
                period,
                now,
                before,
                reads.series(customer, period),
                categories,
                causes,
                topics,
                highlights,
                extractedAt);
    }

    /**
     * Topics by meaning (clusters of the messages' sentence vectors, {@link SemanticTopics}) when most of the period's
     * messages have a vector; else by phrases ({@link TopicExtractor}: the embeddings kill switch, history analysed
     * before vectors were kept).
     */
    private List<uk.co.omniops.insight.InsightReport.Topic> topics(
            CustomerId customer, List<TopicExtractor.Text> current, List<TopicExtractor.Text> previous) {
        var ids = new ArrayList<uk.co.omniops.conversation.MessageId>();
        SemanticTopics.sample(current).forEach(t -> ids.add(new uk.co.omniops.conversation.MessageId(t.messageId())));
        SemanticTopics.sample(previous).forEach(t -> ids.add(new uk.co.omniops.conversation.MessageId(t.messageId())));
        var vectors = analysis.messageVectors(customer, ids);
        var semantic = vectors.isEmpty()
                ? null
                : SemanticTopics.extract(
                        current, previous, id -> vectors.get(new uk.co.omniops.conversation.MessageId(id)));
        return semantic != null ? semantic : TopicExtractor.extract(current, previous);
    }

    /** The period's customer messages, newest first capped at {@link #MAX_TEXTS}, returned oldest first. */
    private List<TopicExtractor.Text> texts(CustomerId customer, InsightPeriod period) {
        var list = new ArrayList<>(jdbc.sql("""
                select conversation_id, id, text, created_at from message_facts
                 where customer_id = ? and created_at >= ? and created_at < ?
                   and author_type = 'contact' and not internal
                 order by created_at desc limit ?""")
                .params(customer.value(), Timestamp.from(period.from()), Timestamp.from(period.to()), MAX_TEXTS)
                .query((rs, i) -> new TopicExtractor.Text(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list());
        java.util.Collections.reverse(list);
        return list;
    }

    /** Category keys to the customer's display names. */
    public Map<String, String> displayNames(CustomerId customer) {
        var names = new HashMap<String, String>();
        analysis.categories(customer).forEach(c -> names.put(c.key(), c.displayName()));
        return names;
    }

    /** A report with no figures (the feature is off). */
    public static InsightReport empty(CustomerId customer, InsightPeriod period) {
        var none = new Totals(0, 0, 0, 0, null, null, Double.NaN, 0, 0, 0, Double.NaN);
        return new InsightReport(
                customer, period, none, none, List.of(), List.of(), List.of(), List.of(), List.of(), null);
    }
}
