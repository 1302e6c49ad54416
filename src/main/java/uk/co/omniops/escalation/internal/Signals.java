package uk.co.omniops.escalation.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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
                .params(m.messageId().value(), m.customerId().value(), m.conversationId().value(),
                        m.score() == null ? null : BigDecimal.valueOf(m.score()), m.label(),
                        m.confidence() == null ? null : BigDecimal.valueOf(m.confidence()),
                        m.categories().toArray(String[]::new), Timestamp.from(m.at()))
                .update();
    }

    /** The conversation's analysed messages up to the given one (inclusive), oldest first; at most {@code limit}. */
    List<Facts.Signal> history(CustomerId customer, ConversationId conversation, Instant upTo, int limit) {
        var newestFirst = jdbc.sql("""
                select score, label, confidence, categories from escalation_signals
                 where customer_id = ? and conversation_id = ? and created_at <= ?
                 order by created_at desc, message_id limit ?""")
                .params(customer.value(), conversation.value(), Timestamp.from(upTo), limit)
                .query((rs, i) -> signal(rs)).list();
        return newestFirst.reversed();
    }

    /** Conversations with analysed messages since a point in time, newest activity first (dry run). */
    List<ConversationId> conversationsSince(CustomerId customer, Instant since, int limit) {
        return jdbc.sql("""
                select conversation_id from escalation_signals where customer_id = ? and created_at >= ?
                 group by conversation_id order by max(created_at) desc limit ?""")
                .params(customer.value(), Timestamp.from(since), limit)
                .query((rs, i) -> new ConversationId(rs.getObject(1, UUID.class))).list();
    }

    /** The analysed messages of one conversation with their ids and times, oldest first (dry run). */
    List<StoredSignal> ofConversation(CustomerId customer, ConversationId conversation, int limit) {
        return jdbc.sql("""
                select message_id, created_at, score, label, confidence, categories from escalation_signals
                 where customer_id = ? and conversation_id = ? order by created_at, message_id limit ?""")
                .params(customer.value(), conversation.value(), limit)
                .query((rs, i) -> new StoredSignal(rs.getObject(1, UUID.class), EscalationEvents.instant(rs, 2),
                        new Facts.Signal(
                                rs.getBigDecimal(3) == null ? null : rs.getBigDecimal(3).doubleValue(), rs.getString(4),
                                rs.getBigDecimal(5) == null ? null : rs.getBigDecimal(5).doubleValue(),
                                Set.of((String[]) rs.getArray(6).getArray()))))
                .list();
    }

    record StoredSignal(UUID messageId, Instant at, Facts.Signal signal) {}

    private static Facts.Signal signal(java.sql.ResultSet rs) throws java.sql.SQLException {
        var score = rs.getBigDecimal(1);
        var confidence = rs.getBigDecimal(3);
        return new Facts.Signal(score == null ? null : score.doubleValue(), rs.getString(2),
                confidence == null ? null : confidence.doubleValue(), Set.of((String[]) rs.getArray(4).getArray()));
    }
}
