package uk.co.omniops.insight.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Keeps the hourly aggregates ({@code insight_hourly*}, V11) of one customer up to date. Incremental: the hours touched
 * by rows created or changed since the customer's watermark (minus {@link #OVERLAP} for transactions that committed
 * late) are recomputed from the source tables, each with index range scans; every other hour is left alone. Each
 * recomputation writes the truth of its hours with upserts, so running it twice, or on two replicas at once, gives the
 * same rows (idempotent). Runs in the customer's tenant transaction (row-level security applies).
 *
 * <p>Reads the views the conversation, analysis, escalation and suggestion modules publish for it (V29:
 * {@code conversation_facts}, {@code message_facts}, {@code sentiment_facts}, {@code category_facts},
 * {@code correction_facts}, {@code escalation_facts}, {@code suggestion_facts}; each tested by its owner), never their
 * tables: a reporting read model that must cover bulk imports and history that never produced events; see
 * docs/decisions/011-insights.md.
 */
@Component
public class InsightAggregator {

    /** Rows whose transaction began up to this long before the previous run but committed after it are still seen. */
    static final Duration OVERLAP = Duration.ofMinutes(10);

    /**
     * What one run did.
     *
     * @param hours hours recomputed
     * @param full a full rebuild (first run for the customer, or asked for)
     */
    public record Run(int hours, boolean full, Instant watermark) {}

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    InsightAggregator(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Recomputes the hours touched since the last run; a full rebuild when the customer was never aggregated. */
    public Run refresh(CustomerId customer) {
        return transactions.inTenant(customer, () -> {
            var now = now();
            var watermark = jdbc.sql("select watermark from insight_aggregation_state where customer_id = ?")
                    .param(customer.value())
                    .query((rs, i) -> rs.getTimestamp(1).toInstant())
                    .optional();
            if (watermark.isEmpty()) {
                return full(customer, now);
            }
            var hours = dirtyHours(customer, watermark.get().minus(OVERLAP));
            for (var range : ranges(hours)) {
                recompute(customer, range[0], range[1]);
            }
            advance(customer, now, false);
            return new Run(hours.size(), false, now);
        });
    }

    /** Recomputes every hour of the customer (after bulk imports and demo history). */
    public Run rebuild(CustomerId customer) {
        return transactions.inTenant(customer, () -> full(customer, now()));
    }

    private Run full(CustomerId customer, Instant now) {
        var first = jdbc.sql("""
                select least((select min(created_at) from conversation_facts where customer_id = :c),
                             (select min(created_at) from message_facts where customer_id = :c),
                             (select min(opened_at) from escalation_facts where customer_id = :c))""")
                .param("c", customer.value())
                .query((rs, i) -> instant(rs.getTimestamp(1)))
                .optional()
                .orElse(null);
        int hours = 0;
        var end = hour(now).plus(1, ChronoUnit.HOURS);
        if (first != null) {
            var start = hour(first);
            recompute(customer, start, end);
            hours = (int) Duration.between(start, end).toHours();
            for (var table : List.of("insight_hourly", "insight_hourly_categories", "insight_hourly_causes")) {
                jdbc.sql("delete from " + table + " where customer_id = :c and (hour < :a or hour >= :b)")
                        .param("c", customer.value())
                        .param("a", Timestamp.from(start))
                        .param("b", Timestamp.from(end))
                        .update();
            }
        } else {
            for (var table : List.of("insight_hourly", "insight_hourly_categories", "insight_hourly_causes")) {
                jdbc.sql("delete from " + table + " where customer_id = ?")
                        .param(customer.value())
                        .update();
            }
        }
        advance(customer, now, true);
        return new Run(hours, true, now);
    }

    private void advance(CustomerId customer, Instant now, boolean full) {
        jdbc.sql("""
                insert into insight_aggregation_state (customer_id, watermark, full_runs, updated_at)
                values (:c, :w, :f, now())
                on conflict (customer_id) do update
                   set watermark = greatest(insight_aggregation_state.watermark, excluded.watermark),
                       full_runs = insight_aggregation_state.full_runs + excluded.full_runs, updated_at = now()""")
                .param("c", customer.value())
                .param("w", Timestamp.from(now))
                .param("f", full ? 1 : 0)
                .update();
    }

    /** Hours (UTC) whose figures may have changed because of rows created or changed at or after {@code since}. */
    List<Instant> dirtyHours(CustomerId customer, Instant since) {
        return jdbc.sql("""
                select distinct h from (
                    select date_trunc('hour', created_at, 'UTC') h from message_facts
                     where customer_id = :c and created_at >= :w
                    union all
                    select date_trunc('hour', m.created_at, 'UTC') from sentiment_facts s
                      join message_facts m on m.id = s.message_id
                     where s.customer_id = :c and s.created_at >= :w
                    union all
                    select date_trunc('hour', m.created_at, 'UTC') from correction_facts a
                      join message_facts m on m.id = a.message_id
                     where a.customer_id = :c and a.created_at >= :w
                    union all
                    select date_trunc('hour', c.created_at, 'UTC') from correction_facts a
                      join conversation_facts c on c.id = a.conversation_id
                     where a.customer_id = :c and a.created_at >= :w
                    union all
                    select date_trunc('hour', created_at, 'UTC') from conversation_facts
                     where customer_id = :c and updated_at >= :w
                    union all
                    select date_trunc('hour', resolved_at, 'UTC') from conversation_facts
                     where customer_id = :c and updated_at >= :w and resolved_at is not null
                    union all
                    select date_trunc('hour', c.created_at, 'UTC') from category_facts cc
                      join conversation_facts c on c.id = cc.conversation_id
                     where cc.customer_id = :c and cc.created_at >= :w
                    union all
                    select date_trunc('hour', opened_at, 'UTC') from escalation_facts
                     where customer_id = :c and created_at >= :w
                    union all
                    select date_trunc('hour', created_at, 'UTC') from suggestion_facts
                     where customer_id = :c and created_at >= :w
                    union all
                    select date_trunc('hour', created_at, 'UTC') from suggestion_facts
                     where customer_id = :c and decided_at >= :w
                ) touched where h is not null order by h""")
                .param("c", customer.value())
                .param("w", Timestamp.from(since))
                .query((rs, i) -> rs.getTimestamp(1).toInstant())
                .list();
    }

    /** Contiguous runs of hours as half-open {@code [start, end)} ranges. */
    static List<Instant[]> ranges(List<Instant> sortedHours) {
        var ranges = new ArrayList<Instant[]>();
        Instant start = null;
        Instant end = null;
        for (var h : sortedHours) {
            if (end != null && h.equals(end)) {
                end = h.plus(1, ChronoUnit.HOURS);
                continue;
            }
            if (start != null) {
                ranges.add(new Instant[] {start, end});
            }
            start = h;
            end = h.plus(1, ChronoUnit.HOURS);
        }
        if (start != null) {
            ranges.add(new Instant[] {start, end});
        }
        return ranges;
    }

    /** Writes the true figures of every hour in {@code [from, to)} (whole hours), including empty ones. */
    void recompute(CustomerId customer, Instant from, Instant to) {
        var a = Timestamp.from(from);
        var b = Timestamp.from(to);
        jdbc.sql("""
                insert into insight_hourly (customer_id, hour, conversations, categorised_conversations, messages,
                       customer_messages, sentiment_sum, sentiment_count, negative_messages, escalations, resolved,
                       first_response_seconds, first_response_count, resolution_seconds, resolution_count,
                       suggestions_shown, suggestions_accepted, computed_at)
                select :c, h.hour, coalesce(cv.n, 0), coalesce(cv.categorised, 0), coalesce(m.n, 0),
                       coalesce(m.contact, 0), coalesce(s.total, 0), coalesce(s.n, 0), coalesce(s.negative, 0),
                       coalesce(e.n, 0), coalesce(r.n, 0), coalesce(cv.fr_seconds, 0), coalesce(cv.fr_n, 0),
                       coalesce(r.seconds, 0), coalesce(r.n, 0), coalesce(sg.n, 0), coalesce(sg.accepted, 0), now()
                  from generate_series(:a::timestamptz, :b::timestamptz - interval '1 hour', interval '1 hour') as h(hour)
                  left join (select date_trunc('hour', c.created_at, 'UTC') as hour, count(*) n,
                                    count(*) filter (where exists (select 1 from category_facts cc
                                                                   where cc.conversation_id = c.id)) categorised,
                                    sum(extract(epoch from c.first_response_at - c.created_at))
                                        filter (where c.first_response_at is not null) fr_seconds,
                                    count(c.first_response_at) fr_n
                               from conversation_facts c
                              where c.customer_id = :c and c.created_at >= :a and c.created_at < :b
                              group by 1) cv on cv.hour = h.hour
                  left join (select date_trunc('hour', created_at, 'UTC') as hour, count(*) n,
                                    count(*) filter (where author_type = 'contact') contact
                               from message_facts
                              where customer_id = :c and created_at >= :a and created_at < :b and not internal
                              group by 1) m on m.hour = h.hour
                  left join (select date_trunc('hour', m.created_at, 'UTC') as hour, sum(s.score) total, count(*) n,
                                    count(*) filter (where s.label = 'negative') negative
                               from message_facts m join sentiment_facts s on s.message_id = m.id
                              where m.customer_id = :c and m.created_at >= :a and m.created_at < :b
                              group by 1) s on s.hour = h.hour
                  left join (select date_trunc('hour', resolved_at, 'UTC') as hour, count(*) n,
                                    sum(extract(epoch from resolved_at - created_at)) seconds
                               from conversation_facts
                              where customer_id = :c and resolved_at >= :a and resolved_at < :b and status = 'resolved'
                              group by 1) r on r.hour = h.hour
                  left join (select date_trunc('hour', opened_at, 'UTC') as hour, count(*) n
                               from escalation_facts
                              where customer_id = :c and opened_at >= :a and opened_at < :b
                              group by 1) e on e.hour = h.hour
                  left join (select date_trunc('hour', created_at, 'UTC') as hour, count(*) n,
                                    count(*) filter (where status in ('accepted', 'edited')) accepted
                               from suggestion_facts
                              where customer_id = :c and created_at >= :a and created_at < :b
                              group by 1) sg on sg.hour = h.hour
                on conflict (customer_id, hour) do update set
                    conversations = excluded.conversations, categorised_conversations = excluded.categorised_conversations,
                    messages = excluded.messages, customer_messages = excluded.customer_messages,
                    sentiment_sum = excluded.sentiment_sum, sentiment_count = excluded.sentiment_count,
                    negative_messages = excluded.negative_messages, escalations = excluded.escalations,
                    resolved = excluded.resolved, first_response_seconds = excluded.first_response_seconds,
                    first_response_count = excluded.first_response_count,
                    resolution_seconds = excluded.resolution_seconds, resolution_count = excluded.resolution_count,
                    suggestions_shown = excluded.suggestions_shown, suggestions_accepted = excluded.suggestions_accepted,
                    computed_at = excluded.computed_at""").param("c", customer.value()).param("a", a).param("b", b).update();
        jdbc.sql("""
                with computed as (
                    select date_trunc('hour', c.created_at, 'UTC') as hour, cc.category_key, count(distinct c.id) n
                      from conversation_facts c join category_facts cc on cc.conversation_id = c.id
                     where c.customer_id = :c and c.created_at >= :a and c.created_at < :b
                     group by 1, 2),
                upserted as (
                    insert into insight_hourly_categories (customer_id, hour, category_key, conversations)
                    select :c, hour, category_key, n from computed
                    on conflict (customer_id, hour, category_key) do update set conversations = excluded.conversations)
                delete from insight_hourly_categories t
                 where t.customer_id = :c and t.hour >= :a and t.hour < :b
                   and not exists (select 1 from computed x where x.hour = t.hour and x.category_key = t.category_key)""").param("c", customer.value()).param("a", a).param("b", b).update();
        jdbc.sql("""
                with computed as (
                    select date_trunc('hour', opened_at, 'UTC') as hour, coalesce(nullif(rule_name, ''), reason) cause,
                           count(*) n
                      from escalation_facts
                     where customer_id = :c and opened_at >= :a and opened_at < :b
                     group by 1, 2),
                upserted as (
                    insert into insight_hourly_causes (customer_id, hour, cause, escalations)
                    select :c, hour, cause, n from computed
                    on conflict (customer_id, hour, cause) do update set escalations = excluded.escalations)
                delete from insight_hourly_causes t
                 where t.customer_id = :c and t.hour >= :a and t.hour < :b
                   and not exists (select 1 from computed x where x.hour = t.hour and x.cause = t.cause)""").param("c", customer.value()).param("a", a).param("b", b).update();
    }

    private Instant now() {
        return jdbc.sql("select now()")
                .query((rs, i) -> rs.getTimestamp(1).toInstant())
                .single();
    }

    static Instant hour(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
