package uk.co.omniops.escalation.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The escalation module's own read model of {@code MessageAnalysed} (DESIGN §2: read models are built from events,
 * never from another module's tables). Callers run inside a tenant transaction.
 */
@Repository
class Signals {

    private final JdbcClient jdbc;

    Signals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Upsert: a re-analysis (an agent's correction) replaces the earlier values, keeping the message's time. */
    void store(AnalysedMessage m) {
        jdbc.sql("""
                insert into escalation_signals (message_id, customer_id, conversation_id, score, label, confidence,
                                                categories, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (message_id) do update set score = excluded.score, label = excluded.label,
                    confidence = excluded.confidence, categories = excluded.categories""")
                .params(
                        m.messageId().value(),
                        m.customerId().value(),
                        m.conversationId().value(),
                        m.score() == null ? null : BigDecimal.valueOf(m.score()),
                        m.label(),
                        m.confidence() == null ? null : BigDecimal.valueOf(m.confidence()),
                        m.categories().toArray(String[]::new),
                        Timestamp.from(m.at()))
                .update();
    }

    /**
     * {@link #store} for a batch, in one multi-row statement; returns the messages whose signal is new or changed (a
     * re-analysis after a correction). A message whose signal is stored already with the same values — the same
     * analysis delivered again — is not returned: its rules ran when it was first stored.
     */
    Set<UUID> storeAll(CustomerId customer, List<AnalysedMessage> messages) {
        if (messages.isEmpty()) {
            return Set.of();
        }
        var fresh = new java.util.HashSet<UUID>();
        jdbc.sql("""
                insert into escalation_signals (message_id, customer_id, conversation_id, score, label, confidence,
                                                categories, created_at)
                select message_id, ?, conversation_id, score::numeric, label, confidence::numeric, categories::text[],
                       created_at::timestamptz
                  from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       as s(message_id, conversation_id, score, label, confidence, categories, created_at)
                 order by message_id
                on conflict (message_id) do update set score = excluded.score, label = excluded.label,
                    confidence = excluded.confidence, categories = excluded.categories
                 where (escalation_signals.score, escalation_signals.label, escalation_signals.confidence,
                        escalation_signals.categories)
                       is distinct from (excluded.score, excluded.label, excluded.confidence, excluded.categories)
                returning message_id""")
                .params(
                        customer.value(),
                        messages.stream().map(m -> m.messageId().value()).toArray(UUID[]::new),
                        messages.stream().map(m -> m.conversationId().value()).toArray(UUID[]::new),
                        messages.stream()
                                .map(m -> m.score() == null
                                        ? null
                                        : BigDecimal.valueOf(m.score())
                                                .setScale(4, java.math.RoundingMode.HALF_UP)
                                                .toPlainString())
                                .toArray(String[]::new),
                        messages.stream().map(AnalysedMessage::label).toArray(String[]::new),
                        messages.stream()
                                .map(m -> m.confidence() == null
                                        ? null
                                        : BigDecimal.valueOf(m.confidence())
                                                .setScale(4, java.math.RoundingMode.HALF_UP)
                                                .toPlainString())
                                .toArray(String[]::new),
                        messages.stream().map(m -> arrayLiteral(m.categories())).toArray(String[]::new),
                        messages.stream().map(m -> m.at().toString()).toArray(String[]::new))
                .query(rs -> {
                    fresh.add(rs.getObject(1, UUID.class));
                });
        return fresh;
    }

    /**
     * The newest {@code limit} analysed messages of each of these conversations, in one bounded statement (a lateral
     * read of each conversation's index), newest first.
     */
    Map<ConversationId, List<StoredSignal>> recentAll(List<ConversationId> conversations, int limit) {
        var result = new java.util.HashMap<ConversationId, List<StoredSignal>>();
        if (conversations.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                select c.id, s.message_id, s.created_at, s.score, s.label, s.confidence, s.categories
                  from unnest(?::uuid[]) as c(id)
                  cross join lateral (select message_id, created_at, score, label, confidence, categories
                                        from escalation_signals where conversation_id = c.id
                                       order by created_at desc, message_id limit ?) s""")
                .params(
                        conversations.stream()
                                .map(ConversationId::value)
                                .distinct()
                                .toArray(UUID[]::new),
                        limit)
                .query(rs -> {
                    var score = rs.getBigDecimal(4);
                    var confidence = rs.getBigDecimal(6);
                    result.computeIfAbsent(
                                    new ConversationId(rs.getObject(1, UUID.class)), k -> new java.util.ArrayList<>())
                            .add(new StoredSignal(
                                    rs.getObject(2, UUID.class),
                                    EscalationEvents.instant(rs, 3),
                                    new Facts.Signal(
                                            score == null ? null : score.doubleValue(),
                                            rs.getString(5),
                                            confidence == null ? null : confidence.doubleValue(),
                                            Set.of((String[]) rs.getArray(7).getArray()))));
                });
        return result;
    }

    private static String arrayLiteral(List<String> values) {
        return values.stream()
                .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    /** The conversation's analysed messages up to the given one (inclusive), oldest first; at most {@code limit}. */
    List<Facts.Signal> history(CustomerId customer, ConversationId conversation, Instant upTo, int limit) {
        var newestFirst = jdbc.sql("""
                select score, label, confidence, categories from escalation_signals
                 where customer_id = ? and conversation_id = ? and created_at <= ?
                 order by created_at desc, message_id limit ?""")
                .params(customer.value(), conversation.value(), Timestamp.from(upTo), limit)
                .query((rs, i) -> signal(rs))
                .list();
        return newestFirst.reversed();
    }

    /** Conversations with analysed messages since a point in time, newest activity first (dry run). */
    List<ConversationId> conversationsSince(CustomerId customer, Instant since, int limit) {
        return jdbc.sql("""
                select conversation_id from escalation_signals where customer_id = ? and created_at >= ?
                 group by conversation_id order by max(created_at) desc limit ?""")
                .params(customer.value(), Timestamp.from(since), limit)
                .query((rs, i) -> new ConversationId(rs.getObject(1, UUID.class)))
                .list();
    }

    /** The analysed messages of one conversation with their ids and times, oldest first (dry run). */
    List<StoredSignal> ofConversation(CustomerId customer, ConversationId conversation, int limit) {
        return jdbc.sql("""
                select message_id, created_at, score, label, confidence, categories from escalation_signals
                 where customer_id = ? and conversation_id = ? order by created_at, message_id limit ?""")
                .params(customer.value(), conversation.value(), limit)
                .query((rs, i) -> new StoredSignal(
                        rs.getObject(1, UUID.class),
                        EscalationEvents.instant(rs, 2),
                        new Facts.Signal(
                                rs.getBigDecimal(3) == null
                                        ? null
                                        : rs.getBigDecimal(3).doubleValue(),
                                rs.getString(4),
                                rs.getBigDecimal(5) == null
                                        ? null
                                        : rs.getBigDecimal(5).doubleValue(),
                                Set.of((String[]) rs.getArray(6).getArray()))))
                .list();
    }

    record StoredSignal(UUID messageId, Instant at, Facts.Signal signal) {}

    private static Facts.Signal signal(java.sql.ResultSet rs) throws java.sql.SQLException {
        var score = rs.getBigDecimal(1);
        var confidence = rs.getBigDecimal(3);
        return new Facts.Signal(
                score == null ? null : score.doubleValue(),
                rs.getString(2),
                confidence == null ? null : confidence.doubleValue(),
                Set.of((String[]) rs.getArray(4).getArray()));
    }
}
