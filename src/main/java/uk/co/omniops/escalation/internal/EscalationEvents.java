package uk.co.omniops.escalation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.escalation.Escalation;
import uk.co.omniops.escalation.EscalationCounts;
import uk.co.omniops.escalation.EscalationHistoryEntry;
import uk.co.omniops.escalation.EscalationId;
import uk.co.omniops.escalation.EscalationStatus;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.tenancy.CustomerId;

/** Escalation events and their history; callers run inside a tenant transaction (row-level security). */
@Repository
public class EscalationEvents {

    private static final String COLUMNS = """
            id, customer_id, conversation_id, message_id, rule_id, rule_name, reason, severity, status, opened_at,
            last_matched_at, match_count, acknowledged_at, acknowledged_by_name, assigned_to, assigned_name, resolved_at,
            resolved_by_name, resolution_note""";

    /** Severity first (critical on top), then oldest first. */
    private static final String ORDER = """
            order by case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end, opened_at, id""";

    private final JdbcClient jdbc;

    EscalationEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Open or acknowledged, optionally only queued ones or some severities (empty = all). */
    public List<Escalation> open(CustomerId customer, Set<Severity> severities, Set<EscalationStatus> statuses,
            boolean queuedOnly, int limit) {
        var sql = new StringBuilder("select " + COLUMNS + " from escalation_events where customer_id = :c and status <> 'resolved'");
        var params = new java.util.HashMap<String, Object>();
        params.put("c", customer.value());
        if (!severities.isEmpty()) {
            sql.append(" and severity in (:sev)");
            params.put("sev", severities.stream().map(Severity::dbValue).toList());
        }
        if (!statuses.isEmpty()) {
            sql.append(" and status in (:st)");
            params.put("st", statuses.stream().map(EscalationStatus::dbValue).toList());
        }
        if (queuedOnly) {
            sql.append(" and queued");
        }
        sql.append(' ').append(ORDER).append(" limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(EscalationEvents::map).list();
    }

    /** Most recent first; for the API with {@code status} other than open. */
    public List<Escalation> byStatus(CustomerId customer, EscalationStatus status, int limit) {
        return jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and status = ? "
                + "order by opened_at desc, id limit ?").params(customer.value(), status.dbValue(), limit)
                .query(EscalationEvents::map).list();
    }

    public Optional<Escalation> findById(CustomerId customer, EscalationId id) {
        return jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and id = ?")
                .params(customer.value(), id.value()).query(EscalationEvents::map).optional();
    }

    public Optional<Escalation> lockForChange(CustomerId customer, EscalationId id) {
        return jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and id = ? for update")
                .params(customer.value(), id.value()).query(EscalationEvents::map).optional();
    }

    public Optional<Escalation> openFor(CustomerId customer, ConversationId conversation) {
        return jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and conversation_id = ? "
                + "and status <> 'resolved'").params(customer.value(), conversation.value())
                .query(EscalationEvents::map).optional();
    }

    /** The latest escalation of a conversation, open or not. */
    public Optional<Escalation> latestFor(CustomerId customer, ConversationId conversation) {
        return jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and conversation_id = ? "
                + "order by opened_at desc limit 1").params(customer.value(), conversation.value())
                .query(EscalationEvents::map).optional();
    }

    Optional<Instant> lastResolvedAt(CustomerId customer, ConversationId conversation) {
        return jdbc.sql("select max(resolved_at) from escalation_events where customer_id = ? and conversation_id = ? "
                + "and status = 'resolved'").params(customer.value(), conversation.value())
                .query((rs, i) -> instant(rs, 1)).optional().filter(java.util.Objects::nonNull);
    }

    /** Inserts unless one is already open for the conversation (unique index); true when inserted. */
    boolean insertIfNoneOpen(Escalation e, boolean queued) {
        return jdbc.sql("""
                insert into escalation_events (id, customer_id, conversation_id, message_id, rule_id, rule_name, reason,
                                               severity, status, opened_at, last_matched_at, match_count, queued)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, 1, ?)
                on conflict (conversation_id) where status <> 'resolved' do nothing""")
                .params(e.id().value(), e.customerId().value(), e.conversationId().value(),
                        e.messageId() == null ? null : e.messageId().value(), e.ruleId(), e.ruleName(), e.reason(),
                        e.severity().dbValue(), Timestamp.from(e.openedAt()), Timestamp.from(e.openedAt()), queued)
                .update() == 1;
    }

    void matchedAgain(EscalationId id, Severity severity, boolean queued, Instant at) {
        jdbc.sql("""
                update escalation_events set match_count = match_count + 1, last_matched_at = ?, severity = ?,
                       queued = queued or ?
                 where id = ?""").params(Timestamp.from(at), severity.dbValue(), queued, id.value()).update();
    }

    public void acknowledgeBy(EscalationId id, String byName, Instant at) {
        jdbc.sql("update escalation_events set status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, "
                + "acknowledged_by_name = ? where id = ? and status = 'open'")
                .params(Timestamp.from(at), byName, byName, id.value()).update();
    }

    public void assignTo(EscalationId id, UUID userId, String name) {
        jdbc.sql("update escalation_events set assigned_to = ?, assigned_name = ? where id = ?")
                .params(userId, name, id.value()).update();
    }

    public void resolveBy(EscalationId id, String byName, @Nullable String note, Instant at) {
        jdbc.sql("update escalation_events set status = 'resolved', resolved_at = ?, resolved_by = ?, "
                + "resolved_by_name = ?, resolution_note = ?, "
                + "acknowledged_at = coalesce(acknowledged_at, ?), acknowledged_by_name = coalesce(acknowledged_by_name, ?) "
                + "where id = ? and status <> 'resolved'")
                .params(Timestamp.from(at), byName, byName, note, Timestamp.from(at), byName, id.value()).update();
    }

    public void addHistoryLine(CustomerId customer, EscalationId event, String kind, String text) {
        jdbc.sql("insert into escalation_history (id, customer_id, event_id, kind, text) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), customer.value(), event.value(), kind, text).update();
    }

    public List<EscalationHistoryEntry> history(CustomerId customer, EscalationId event) {
        return jdbc.sql("select created_at, kind, text from escalation_history where customer_id = ? and event_id = ? "
                + "order by created_at, id").params(customer.value(), event.value())
                .query((rs, i) -> new EscalationHistoryEntry(instant(rs, 1), rs.getString(2), rs.getString(3))).list();
    }

    public EscalationCounts counts(CustomerId customer, Instant since) {
        var ts = Timestamp.from(since);
        return jdbc.sql("""
                select count(*) filter (where opened_at >= ?),
                       count(*) filter (where acknowledged_at >= ?),
                       count(*) filter (where resolved_at >= ?),
                       count(*) filter (where status <> 'resolved'),
                       count(*) filter (where status <> 'resolved' and severity = 'critical'),
                       avg(extract(epoch from acknowledged_at - opened_at)) filter (where acknowledged_at >= ?)
                  from escalation_events where customer_id = ?""")
                .params(ts, ts, ts, ts, customer.value())
                .query((rs, i) -> new EscalationCounts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getObject(6) == null ? null
                                : java.time.Duration.ofMillis(Math.round(rs.getDouble(6) * 1000))))
                .single();
    }

    private static Escalation map(ResultSet rs, int row) throws SQLException {
        var message = rs.getObject(4, UUID.class);
        return new Escalation(new EscalationId(rs.getObject(1, UUID.class)), new CustomerId(rs.getObject(2, UUID.class)),
                new ConversationId(rs.getObject(3, UUID.class)), message == null ? null : new MessageId(message),
                rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), Severity.fromDb(rs.getString(8)),
                EscalationStatus.fromDb(rs.getString(9)), instant(rs, 10), instant(rs, 11), rs.getInt(12),
                instant(rs, 13), rs.getString(14), rs.getObject(15, UUID.class), rs.getString(16), instant(rs, 17),
                rs.getString(18), rs.getString(19));
    }

    static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
