package uk.co.omniops.escalation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
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
    public List<Escalation> open(
            CustomerId customer,
            Set<Severity> severities,
            Set<EscalationStatus> statuses,
            boolean queuedOnly,
            int limit) {
        var sql = new StringBuilder(
                "select " + COLUMNS + " from escalation_events where customer_id = :c and status <> 'resolved'");
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
        return jdbc.sql(sql.toString())
                .params(params)
                .query(EscalationEvents::map)
                .list();
    }

    /** Most recent first; for the API with {@code status} other than open. */
    public List<Escalation> byStatus(CustomerId customer, EscalationStatus status, int limit) {
        return jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and status = ? "
                        + "order by opened_at desc, id limit ?")
                .params(customer.value(), status.dbValue(), limit)
                .query(EscalationEvents::map)
                .list();
    }

    public Optional<Escalation> findById(CustomerId customer, EscalationId id) {
        return jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and id = ?")
                .params(customer.value(), id.value())
                .query(EscalationEvents::map)
                .optional();
    }

    public Optional<Escalation> lockForChange(CustomerId customer, EscalationId id) {
        return jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and id = ? for update")
                .params(customer.value(), id.value())
                .query(EscalationEvents::map)
                .optional();
    }

    public Optional<Escalation> openFor(CustomerId customer, ConversationId conversation) {
        return jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and conversation_id = ? "
                        + "and status <> 'resolved'")
                .params(customer.value(), conversation.value())
                .query(EscalationEvents::map)
                .optional();
    }

    /** The latest escalation of a conversation, open or not. */
    public Optional<Escalation> latestFor(CustomerId customer, ConversationId conversation) {
        return jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and conversation_id = ? "
                        + "order by opened_at desc limit 1")
                .params(customer.value(), conversation.value())
                .query(EscalationEvents::map)
                .optional();
    }

    Optional<Instant> lastResolvedAt(CustomerId customer, ConversationId conversation) {
        return jdbc.sql("select max(resolved_at) from escalation_events where customer_id = ? and conversation_id = ? "
                        + "and status = 'resolved'")
                .params(customer.value(), conversation.value())
                .query((rs, i) -> instant(rs, 1))
                .optional()
                .filter(java.util.Objects::nonNull);
    }

    /** Inserts unless one is already open for the conversation (unique index); true when inserted. */
    boolean insertIfNoneOpen(Escalation e, boolean queued) {
        return jdbc.sql("""
                insert into escalation_events (id, customer_id, conversation_id, message_id, rule_id, rule_name, reason,
                                               severity, status, opened_at, last_matched_at, match_count, queued)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, 1, ?)
                on conflict (conversation_id) where status <> 'resolved' do nothing""")
                        .params(
                                e.id().value(),
                                e.customerId().value(),
                                e.conversationId().value(),
                                e.messageId() == null ? null : e.messageId().value(),
                                e.ruleId(),
                                e.ruleName(),
                                e.reason(),
                                e.severity().dbValue(),
                                Timestamp.from(e.openedAt()),
                                Timestamp.from(e.openedAt()),
                                queued)
                        .update()
                == 1;
    }

    void matchedAgain(EscalationId id, Severity severity, boolean queued, Instant at) {
        jdbc.sql("""
                update escalation_events set match_count = match_count + 1, last_matched_at = ?, severity = ?,
                       queued = queued or ?
                 where id = ?""")
                .params(Timestamp.from(at), severity.dbValue(), queued, id.value())
                .update();
    }

    /**
     * The open (or acknowledged) escalations of these conversations, locked in conversation order: a batch of the
     * analysis reads and changes them under these locks, and two batches take them in the same order. {@code no key
     * update}: the history lines that other transactions insert meanwhile (an action's line, after commit) take a key
     * share lock through their foreign key, which a plain {@code for update} would make wait for the whole batch.
     */
    Map<ConversationId, Escalation> lockOpenFor(CustomerId customer, List<ConversationId> conversations) {
        if (conversations.isEmpty()) {
            return Map.of();
        }
        var result = new java.util.HashMap<ConversationId, Escalation>();
        jdbc.sql("select " + COLUMNS + " from escalation_events where customer_id = ? and conversation_id = any(?) "
                        + "and status <> 'resolved' order by conversation_id for no key update")
                .params(
                        customer.value(),
                        conversations.stream().map(ConversationId::value).toArray(UUID[]::new))
                .query(EscalationEvents::map)
                .list()
                .forEach(e -> result.put(e.conversationId(), e));
        return result;
    }

    /** {@link #lastResolvedAt} of several conversations, in one statement (conversations without one are absent). */
    Map<ConversationId, Instant> lastResolvedAt(CustomerId customer, List<ConversationId> conversations) {
        if (conversations.isEmpty()) {
            return Map.of();
        }
        var result = new java.util.HashMap<ConversationId, Instant>();
        jdbc.sql("select conversation_id, max(resolved_at) from escalation_events where customer_id = ? "
                        + "and conversation_id = any(?) and status = 'resolved' group by conversation_id")
                .params(
                        customer.value(),
                        conversations.stream().map(ConversationId::value).toArray(UUID[]::new))
                .query(rs -> {
                    var at = instant(rs, 2);
                    if (at != null) {
                        result.put(new ConversationId(rs.getObject(1, UUID.class)), at);
                    }
                });
        return result;
    }

    /**
     * {@link #insertIfNoneOpen} for several conversations, in one statement, rows in conversation order (two batches
     * wait on each other's inserts in the same order); returns the conversations whose escalation was inserted.
     */
    Set<ConversationId> insertAllIfNoneOpen(List<Escalation> escalations, Set<EscalationId> queued) {
        if (escalations.isEmpty()) {
            return Set.of();
        }
        var sorted = escalations.stream()
                .sorted(java.util.Comparator.comparing(e -> e.conversationId().value()))
                .toList();
        var inserted = new java.util.HashSet<ConversationId>();
        jdbc.sql("""
                insert into escalation_events (id, customer_id, conversation_id, message_id, rule_id, rule_name, reason,
                                               severity, status, opened_at, last_matched_at, match_count, queued)
                select id, customer_id, conversation_id, message_id, rule_id, rule_name, reason, severity, 'open',
                       opened_at::timestamptz, last_matched_at::timestamptz, match_count, queued
                  from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[],
                              ?::text[], ?::text[], ?::int[], ?::boolean[])
                       with ordinality as e(id, customer_id, conversation_id, message_id, rule_id, rule_name, reason,
                                            severity, opened_at, last_matched_at, match_count, queued, n)
                 order by n
                on conflict (conversation_id) where status <> 'resolved' do nothing
                returning conversation_id""")
                .params(
                        sorted.stream().map(e -> e.id().value()).toArray(UUID[]::new),
                        sorted.stream().map(e -> e.customerId().value()).toArray(UUID[]::new),
                        sorted.stream().map(e -> e.conversationId().value()).toArray(UUID[]::new),
                        sorted.stream()
                                .map(e -> e.messageId() == null
                                        ? null
                                        : e.messageId().value())
                                .toArray(UUID[]::new),
                        sorted.stream().map(Escalation::ruleId).toArray(UUID[]::new),
                        sorted.stream().map(Escalation::ruleName).toArray(String[]::new),
                        sorted.stream().map(Escalation::reason).toArray(String[]::new),
                        sorted.stream().map(e -> e.severity().dbValue()).toArray(String[]::new),
                        sorted.stream().map(e -> e.openedAt().toString()).toArray(String[]::new),
                        sorted.stream().map(e -> e.lastMatchedAt().toString()).toArray(String[]::new),
                        sorted.stream().map(Escalation::matchCount).toArray(Integer[]::new),
                        sorted.stream().map(e -> queued.contains(e.id())).toArray(Boolean[]::new))
                .query(rs -> {
                    inserted.add(new ConversationId(rs.getObject(1, UUID.class)));
                });
        return inserted;
    }

    /** One open escalation matched again by {@code count} messages of a batch. */
    record MatchedAgain(
            EscalationId id, ConversationId conversation, int count, Severity severity, boolean queued, Instant at) {}

    /** {@link #matchedAgain} for several escalations (locked by {@link #lockOpenFor}), in one statement. */
    void matchedAgainAll(List<MatchedAgain> matched) {
        if (matched.isEmpty()) {
            return;
        }
        var sorted = matched.stream()
                .sorted(java.util.Comparator.comparing(m -> m.conversation().value()))
                .toList();
        jdbc.sql("""
                update escalation_events e set match_count = e.match_count + m.n, last_matched_at = m.at::timestamptz,
                       severity = m.severity, queued = e.queued or m.queued
                  from unnest(?::uuid[], ?::int[], ?::text[], ?::boolean[], ?::text[]) as m(id, n, severity, queued, at)
                 where e.id = m.id""")
                .params(
                        sorted.stream().map(m -> m.id().value()).toArray(UUID[]::new),
                        sorted.stream().map(MatchedAgain::count).toArray(Integer[]::new),
                        sorted.stream().map(m -> m.severity().dbValue()).toArray(String[]::new),
                        sorted.stream().map(MatchedAgain::queued).toArray(Boolean[]::new),
                        sorted.stream().map(m -> m.at().toString()).toArray(String[]::new))
                .update();
    }

    /** A line of an escalation's history, with its time (the lines of one transaction keep their order). */
    record HistoryLine(EscalationId event, String kind, String text, Instant at) {}

    /** {@link #addHistoryLine} for several lines, in one statement. */
    void addHistoryLines(CustomerId customer, List<HistoryLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into escalation_history (id, customer_id, event_id, kind, text, created_at)
                select gen_random_uuid(), ?, event_id, kind, text, created_at::timestamptz
                  from unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) as h(event_id, kind, text, created_at)""")
                .params(
                        customer.value(),
                        lines.stream().map(l -> l.event().value()).toArray(UUID[]::new),
                        lines.stream().map(HistoryLine::kind).toArray(String[]::new),
                        lines.stream().map(HistoryLine::text).toArray(String[]::new),
                        lines.stream().map(l -> l.at().toString()).toArray(String[]::new))
                .update();
    }

    public void acknowledgeBy(EscalationId id, String byName, Instant at) {
        jdbc.sql("update escalation_events set status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, "
                        + "acknowledged_by_name = ? where id = ? and status = 'open'")
                .params(Timestamp.from(at), byName, byName, id.value())
                .update();
    }

    public void assignTo(EscalationId id, UUID userId, String name) {
        jdbc.sql("update escalation_events set assigned_to = ?, assigned_name = ? where id = ?")
                .params(userId, name, id.value())
                .update();
    }

    public void resolveBy(EscalationId id, String byName, @Nullable String note, Instant at) {
        jdbc.sql("update escalation_events set status = 'resolved', resolved_at = ?, resolved_by = ?, "
                        + "resolved_by_name = ?, resolution_note = ?, "
                        + "acknowledged_at = coalesce(acknowledged_at, ?), acknowledged_by_name = coalesce(acknowledged_by_name, ?) "
                        + "where id = ? and status <> 'resolved'")
                .params(Timestamp.from(at), byName, byName, note, Timestamp.from(at), byName, id.value())
                .update();
    }

    public void addHistoryLine(CustomerId customer, EscalationId event, String kind, String text) {
        jdbc.sql("insert into escalation_history (id, customer_id, event_id, kind, text) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), customer.value(), event.value(), kind, text)
                .update();
    }

    public List<EscalationHistoryEntry> history(CustomerId customer, EscalationId event) {
        return jdbc.sql("select created_at, kind, text from escalation_history where customer_id = ? and event_id = ? "
                        + "order by created_at, id")
                .params(customer.value(), event.value())
                .query((rs, i) -> new EscalationHistoryEntry(instant(rs, 1), rs.getString(2), rs.getString(3)))
                .list();
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
                .query((rs, i) -> new EscalationCounts(
                        rs.getInt(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getObject(6) == null
                                ? null
                                : java.time.Duration.ofMillis(Math.round(rs.getDouble(6) * 1000))))
                .single();
    }

    private static Escalation map(ResultSet rs, int row) throws SQLException {
        var message = rs.getObject(4, UUID.class);
        return new Escalation(
                new EscalationId(rs.getObject(1, UUID.class)),
                new CustomerId(rs.getObject(2, UUID.class)),
                new ConversationId(rs.getObject(3, UUID.class)),
                message == null ? null : new MessageId(message),
                rs.getObject(5, UUID.class),
                rs.getString(6),
                rs.getString(7),
                Severity.fromDb(rs.getString(8)),
                EscalationStatus.fromDb(rs.getString(9)),
                instant(rs, 10),
                instant(rs, 11),
                rs.getInt(12),
                instant(rs, 13),
                rs.getString(14),
                rs.getObject(15, UUID.class),
                rs.getString(16),
                instant(rs, 17),
                rs.getString(18),
                rs.getString(19));
    }

    static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
