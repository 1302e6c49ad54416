package uk.co.omniops.insight;

import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.co.omniops.insight.internal.InsightService;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The insight module's API. Every call runs inside the customer's tenant transaction; with
 * {@code CONVERSATION_INSIGHTS} off for the customer, reports are empty and extraction does nothing. Reports come from
 * the hourly aggregates plus the latest extraction ({@code internal.InsightService}); the drill-down is this class's own
 * indexed query.
 *
 * @see <a href="../../../../../../docs/decisions/011-insights.md">decision 011</a>
 * @see <a href="../../../../../../docs/decisions/019-module-api-style.md">decision 019</a>
 */
@Service
public class InsightManagement {

    static final int MAX_DRILL_DOWN = 500;

    private final InsightService service;
    private final TenantTransactions transactions;
    private final JdbcClient jdbc;

    InsightManagement(InsightService service, TenantTransactions transactions, JdbcClient jdbc) {
        this.service = service;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** The report for the period from aggregates and the latest extraction; fast (&lt; 2 s) at 1M messages. */
    public InsightReport report(CustomerId customer, InsightPeriod period) {
        if (!service.enabled(customer)) {
            return InsightService.empty(customer, period);
        }
        var names = service.displayNames(customer);
        return transactions.readInTenant(customer, () -> service.storedReport(customer, period, names));
    }

    /**
     * Conversations started per UTC hour or day ({@code unit}) in the period, oldest first, gaps filled with 0: the
     * report's volume series over any span, such as the history a forecast continues. Empty with the feature off.
     */
    public List<Long> arrivals(CustomerId customer, InsightPeriod period, ChronoUnit unit) {
        if (!service.enabled(customer)) {
            return List.of();
        }
        return transactions.readInTenant(customer, () -> service.arrivals(customer, period, unit));
    }

    /** Extracts insights for the customer and period now (on demand) and stores them; returns the fresh report. */
    public InsightReport extractNow(CustomerId customer, InsightPeriod period) {
        return service.extract(customer, period, true);
    }

    /** The conversations behind a figure, newest first, at most {@code limit} (at most 500). */
    public List<DrillDownRow> drillDown(CustomerId customer, DrillDown d, int limit) {
        if (!service.enabled(customer)) {
            return List.of();
        }
        int n = Math.clamp(limit, 1, MAX_DRILL_DOWN);
        var sql = new StringBuilder("""
                select c.id, ct.name, c.subject, c.status, c.created_at,
                       (select cc.category_key from category_facts cc where cc.conversation_id = c.id
                         order by cc.confidence desc, cc.created_at limit 1) category,
                       (select avg(s.score) from sentiment_facts s where s.conversation_id = c.id) sentiment,
                       exists (select 1 from escalation_facts e where e.conversation_id = c.id) escalated,
                       (select m.text from message_facts m where m.conversation_id = c.id and m.author_type = 'contact'
                           and not m.internal order by m.created_at, m.id limit 1) first_text
                  from conversation_facts c join contact_facts ct on ct.id = c.contact_id
                 where c.customer_id = :c and c.created_at >= :from and c.created_at < :to
                """);
        var params = new HashMap<String, Object>();
        params.put("c", customer.value());
        params.put("from", Timestamp.from(d.period().from()));
        params.put("to", Timestamp.from(d.period().to()));
        params.put("limit", n);
        if (d.category() != null && !d.category().isBlank()) {
            sql.append(" and exists (select 1 from category_facts cc where cc.conversation_id = c.id"
                    + " and cc.category_key = :category)");
            params.put("category", d.category());
        }
        if (d.topic() != null && !d.topic().isBlank()) {
            // the customer's contact messages since the period began (an index range), not every conversation's
            sql.append(" and c.id in (select m.conversation_id from message_facts m where m.customer_id = :c"
                    + " and m.created_at >= :from and m.author_type = 'contact' and not m.internal"
                    + " and m.text ilike :topic escape '\\')");
            params.put(
                    "topic",
                    "%"
                            + d.topic()
                                    .strip()
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%");
        }
        if (d.escalatedOnly()) {
            sql.append(" and exists (select 1 from escalation_facts e where e.conversation_id = c.id)");
        }
        if (d.negativeOnly()) {
            sql.append(" and exists (select 1 from sentiment_facts s where s.conversation_id = c.id"
                    + " and s.label = 'negative')");
        }
        sql.append(" order by c.created_at desc, c.id desc limit :limit");
        return transactions.readInTenant(
                customer,
                () -> jdbc.sql(sql.toString())
                        .params(params)
                        .query((rs, i) -> {
                            double sentiment = rs.getDouble(7);
                            Double average = rs.wasNull() ? null : sentiment;
                            var first = rs.getString(9);
                            return new DrillDownRow(
                                    rs.getObject(1, UUID.class),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(6),
                                    average,
                                    rs.getBoolean(8),
                                    rs.getTimestamp(5).toInstant(),
                                    first == null ? "" : shorten(first));
                        })
                        .list());
    }

    private static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 299) + "…";
    }
}
