package uk.co.omniops.insight.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport.CategoryShare;
import uk.co.omniops.insight.InsightReport.EscalationCause;
import uk.co.omniops.insight.InsightReport.SeriesPoint;
import uk.co.omniops.insight.InsightReport.Totals;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The report's reads: only the hourly aggregates and {@code conversation_insights}, each a primary-key range scan.
 * An hour belongs to a period when it starts in it. Callers run inside the customer's tenant transaction.
 */
@Component
class ReportReads {

    /** Hourly points up to this period length, daily points beyond. */
    static final Duration HOURLY_UP_TO = Duration.ofDays(2);

    /** The stored extraction: its JSON and when it was made. */
    record Extraction(UUID id, InsightPeriod period, String json, Instant createdAt) {}

    private final JdbcClient jdbc;

    ReportReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Totals totals(CustomerId customer, InsightPeriod period) {
        return jdbc.sql("""
                select coalesce(sum(conversations), 0), coalesce(sum(messages), 0), coalesce(sum(customer_messages), 0),
                       coalesce(sum(resolved), 0), coalesce(sum(first_response_seconds), 0),
                       coalesce(sum(first_response_count), 0), coalesce(sum(resolution_seconds), 0),
                       coalesce(sum(resolution_count), 0), coalesce(sum(sentiment_sum), 0),
                       coalesce(sum(sentiment_count), 0), coalesce(sum(negative_messages), 0),
                       coalesce(sum(escalations), 0), coalesce(sum(suggestions_shown), 0),
                       coalesce(sum(suggestions_accepted), 0)
                  from insight_hourly where customer_id = ? and hour >= ? and hour < ?""")
                .params(customer.value(), Timestamp.from(period.from()), Timestamp.from(period.to()))
                .query((rs, i) -> totals(rs))
                .single();
    }

    private static Totals totals(ResultSet rs) throws SQLException {
        long conversations = rs.getLong(1);
        long frCount = rs.getLong(6);
        long resCount = rs.getLong(8);
        long sentimentCount = rs.getLong(10);
        long escalations = rs.getLong(12);
        long shown = rs.getLong(13);
        return new Totals(
                conversations,
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                frCount == 0 ? null : Duration.ofMillis(Math.round(rs.getDouble(5) / frCount * 1000)),
                resCount == 0 ? null : Duration.ofMillis(Math.round(rs.getDouble(7) / resCount * 1000)),
                sentimentCount == 0 ? Double.NaN : rs.getDouble(9) / sentimentCount,
                sentimentCount == 0 ? 0 : (double) rs.getLong(11) / sentimentCount,
                escalations,
                conversations == 0 ? 0 : (double) escalations / conversations,
                shown == 0 ? Double.NaN : (double) rs.getLong(14) / shown);
    }

    /** One point per hour (periods up to 2 days) or UTC day, oldest first, gaps filled with zeros. */
    List<SeriesPoint> series(CustomerId customer, InsightPeriod period) {
        return series(
                customer, period, period.length().compareTo(HOURLY_UP_TO) <= 0 ? ChronoUnit.HOURS : ChronoUnit.DAYS);
    }

    /** One point per UTC hour or day ({@code unit}), oldest first, gaps filled with zeros. */
    List<SeriesPoint> series(CustomerId customer, InsightPeriod period, ChronoUnit unit) {
        if (unit != ChronoUnit.HOURS && unit != ChronoUnit.DAYS) {
            throw new IllegalArgumentException("unit " + unit + ": hours or days");
        }
        boolean hourly = unit == ChronoUnit.HOURS;
        var rows = new HashMap<Instant, SeriesPoint>();
        jdbc.sql("""
                select date_trunc(?, hour, 'UTC'), sum(conversations), sum(messages), sum(sentiment_sum),
                       sum(sentiment_count), sum(negative_messages), sum(escalations)
                  from insight_hourly where customer_id = ? and hour >= ? and hour < ?
                 group by 1""")
                .params(
                        hourly ? "hour" : "day",
                        customer.value(),
                        Timestamp.from(period.from()),
                        Timestamp.from(period.to()))
                .query((rs, i) -> {
                    long n = rs.getLong(5);
                    var start = rs.getTimestamp(1).toInstant();
                    return new SeriesPoint(
                            start,
                            rs.getLong(2),
                            rs.getLong(3),
                            n == 0 ? Double.NaN : rs.getDouble(4) / n,
                            rs.getLong(6),
                            rs.getLong(7));
                })
                .list()
                .forEach(p -> rows.put(p.start(), p));
        var points = new ArrayList<SeriesPoint>();
        for (var t = period.from().truncatedTo(unit); t.isBefore(period.to()); t = t.plus(1, unit)) {
            points.add(rows.getOrDefault(t, new SeriesPoint(t, 0, 0, Double.NaN, 0, 0)));
        }
        return points;
    }

    /** Categories of conversations started in the period and the previous one, most frequent first. */
    List<CategoryShare> categories(CustomerId customer, InsightPeriod period, Map<String, String> displayNames) {
        var previous = period.previous();
        var categorised = jdbc.sql("""
                select coalesce(sum(categorised_conversations) filter (where hour >= :from), 0),
                       coalesce(sum(categorised_conversations) filter (where hour < :from), 0)
                  from insight_hourly where customer_id = :c and hour >= :pfrom and hour < :to""")
                .param("c", customer.value())
                .param("from", Timestamp.from(period.from()))
                .param("pfrom", Timestamp.from(previous.from()))
                .param("to", Timestamp.from(period.to()))
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        return jdbc.sql("""
                select category_key, coalesce(sum(conversations) filter (where hour >= :from), 0) cur,
                       coalesce(sum(conversations) filter (where hour < :from), 0) prev
                  from insight_hourly_categories where customer_id = :c and hour >= :pfrom and hour < :to
                 group by 1 order by 2 desc, 3 desc, 1""")
                .param("c", customer.value())
                .param("from", Timestamp.from(period.from()))
                .param("pfrom", Timestamp.from(previous.from()))
                .param("to", Timestamp.from(period.to()))
                .query((rs, i) -> {
                    var key = rs.getString(1);
                    long cur = rs.getLong(2);
                    long prev = rs.getLong(3);
                    return new CategoryShare(
                            key,
                            displayNames.getOrDefault(key, key),
                            cur,
                            categorised[0] == 0 ? 0 : (double) cur / categorised[0],
                            prev,
                            categorised[1] == 0 ? 0 : (double) prev / categorised[1]);
                })
                .list();
    }

    List<EscalationCause> causes(CustomerId customer, InsightPeriod period) {
        return jdbc.sql("""
                select cause, coalesce(sum(escalations) filter (where hour >= :from), 0),
                       coalesce(sum(escalations) filter (where hour < :from), 0)
                  from insight_hourly_causes where customer_id = :c and hour >= :pfrom and hour < :to
                 group by 1 order by 2 desc, 3 desc, 1""")
                .param("c", customer.value())
                .param("from", Timestamp.from(period.from()))
                .param("pfrom", Timestamp.from(period.previous().from()))
                .param("to", Timestamp.from(period.to()))
                .query((rs, i) -> new EscalationCause(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /** The latest extraction overlapping the period; one for exactly this period wins over a newer other one. */
    Optional<Extraction> latestExtraction(CustomerId customer, InsightPeriod period) {
        return jdbc.sql("""
                select id, period_start, period_end, data::text, created_at from conversation_insights
                 where customer_id = :c and kind = :kind and period_start < :to and period_end > :from
                 order by (period_start = :from and period_end = :to) desc, created_at desc, id
                 limit 1""")
                .param("c", customer.value())
                .param("kind", InsightService.KIND)
                .param("from", Timestamp.from(period.from()))
                .param("to", Timestamp.from(period.to()))
                .query((rs, i) -> new Extraction(
                        rs.getObject(1, UUID.class),
                        new InsightPeriod(
                                rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant()),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .optional();
    }

    /** The latest extraction overlapping the range (the API's read: newest first, whatever its period). */
    Optional<Extraction> newestOverlapping(CustomerId customer, InsightPeriod range) {
        return jdbc.sql("""
                select id, period_start, period_end, data::text, created_at from conversation_insights
                 where customer_id = :c and kind = :kind and period_start < :to and period_end > :from
                 order by created_at desc, id limit 1""")
                .param("c", customer.value())
                .param("kind", InsightService.KIND)
                .param("from", Timestamp.from(range.from()))
                .param("to", Timestamp.from(range.to()))
                .query((rs, i) -> new Extraction(
                        rs.getObject(1, UUID.class),
                        new InsightPeriod(
                                rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant()),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .optional();
    }
}
