package uk.co.omniops.escalation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.escalation.EscalationId;
import uk.co.omniops.tenancy.CustomerId;

/** The durable notification outbox ({@code escalation_notifications}). */
@Repository
public class Notifications {

    /** One row of the outbox. */
    public record Pending(
            UUID id,
            CustomerId customerId,
            EscalationId eventId,
            ConversationId conversationId,
            NotificationChannel channel,
            int attempts) {}

    /** A row's state, for tests and the desk. */
    public record State(
            NotificationChannel channel,
            String status,
            int attempts,
            @Nullable String lastError,
            Instant nextAttemptAt) {}

    private final JdbcClient jdbc;

    Notifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the escalation's transaction: one row per channel, due now. */
    void enqueue(CustomerId customer, EscalationId event, NotificationChannel channel) {
        jdbc.sql("insert into escalation_notifications (id, customer_id, event_id, channel) values (?, ?, ?, ?) "
                        + "on conflict (event_id, channel) do nothing")
                .params(UUID.randomUUID(), customer.value(), event.value(), channel.dbValue())
                .update();
    }

    /** {@link #enqueue} for several escalations and channels, in one statement. */
    void enqueueAll(CustomerId customer, List<java.util.Map.Entry<EscalationId, NotificationChannel>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("insert into escalation_notifications (id, customer_id, event_id, channel) "
                        + "select gen_random_uuid(), ?, event_id, channel from unnest(?::uuid[], ?::text[]) as n(event_id, channel) "
                        + "on conflict (event_id, channel) do nothing")
                .params(
                        customer.value(),
                        rows.stream().map(r -> r.getKey().value()).toArray(UUID[]::new),
                        rows.stream().map(r -> r.getValue().dbValue()).toArray(String[]::new))
                .update();
    }

    /**
     * Claims due rows across customers (platform scope): pushes their next attempt two minutes out as a lease, so
     * another replica (or a crash) never sends twice at once and a crashed sender's rows come back on their own.
     */
    /**
     * Claims up to {@code limit} due rows for {@code lease}: no other replica takes them before it ends. The lease must
     * outlast sending all of them (see {@link NotificationDispatcher#lease}), or a row still being sent is claimed and
     * sent again elsewhere; a replica that dies mid-batch leaves its rows to be retried when the lease ends.
     */
    List<Pending> claimDue(Instant now, int limit, java.time.Duration lease) {
        return jdbc.sql("""
                update escalation_notifications n set next_attempt_at = ?
                  from escalation_events e
                 where n.id in (select id from escalation_notifications
                                 where status = 'pending' and next_attempt_at <= ?
                                 order by next_attempt_at limit ? for update skip locked)
                   and e.id = n.event_id
                returning n.id, n.customer_id, n.event_id, e.conversation_id, n.channel, n.attempts""")
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), limit)
                .query((rs, i) -> new Pending(
                        rs.getObject(1, UUID.class),
                        new CustomerId(rs.getObject(2, UUID.class)),
                        new EscalationId(rs.getObject(3, UUID.class)),
                        new ConversationId(rs.getObject(4, UUID.class)),
                        NotificationChannel.fromDb(rs.getString(5)),
                        rs.getInt(6)))
                .list();
    }

    /** When the customer's last alert on the channel went out; null if never. */
    @Nullable
    Instant lastSentAt(CustomerId customer, NotificationChannel channel) {
        return jdbc.sql("select max(sent_at) from escalation_notifications where customer_id = ? and channel = ? "
                        + "and status = 'sent'")
                .params(customer.value(), channel.dbValue())
                .query((rs, i) -> java.util.Optional.ofNullable(EscalationEvents.instant(rs, 1)))
                .single()
                .orElse(null);
    }

    /** Holds claimed rows (without counting an attempt) until {@code at}, when they go out grouped. */
    void holdUntil(List<UUID> ids, Instant at) {
        jdbc.sql("update escalation_notifications set next_attempt_at = ? where id = any(?)")
                .params(Timestamp.from(at), ids.toArray(UUID[]::new))
                .update();
    }

    void sent(UUID id, Instant at) {
        jdbc.sql("update escalation_notifications set status = 'sent', attempts = attempts + 1, sent_at = ?, "
                        + "last_error = null where id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    /** @param next null: give up (status failed) */
    void failed(UUID id, String error, @Nullable Instant next) {
        jdbc.sql("update escalation_notifications set attempts = attempts + 1, last_error = ?, "
                        + "status = case when ?::timestamptz is null then 'failed' else 'pending' end, "
                        + "next_attempt_at = coalesce(?::timestamptz, next_attempt_at) where id = ?")
                .params(
                        error,
                        next == null ? null : Timestamp.from(next),
                        next == null ? null : Timestamp.from(next),
                        id)
                .update();
    }

    public List<State> forEvent(CustomerId customer, EscalationId event) {
        return jdbc.sql("select channel, status, attempts, last_error, next_attempt_at from escalation_notifications "
                        + "where customer_id = ? and event_id = ? order by channel")
                .params(customer.value(), event.value())
                .query((rs, i) -> new State(
                        NotificationChannel.fromDb(rs.getString(1)),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        EscalationEvents.instant(rs, 5)))
                .list();
    }
}
