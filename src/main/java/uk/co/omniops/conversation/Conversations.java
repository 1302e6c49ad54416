package uk.co.omniops.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The conversations table's writes: new conversations, the locks every change takes first, the counters and
 * timestamps a message moves, assignment, status, priority and the latest sentiment. The inbox reads are
 * {@link InboxQueries}, the facts and API pages {@link ConversationQueries}.
 */
@Repository
class Conversations {

    static final String SELECT = """
            select c.id, c.customer_id, c.contact_id, c.subject, c.status, c.priority, c.channel, c.assignee_id,
                   u.display_name as assignee_name, c.message_count, c.created_at, c.updated_at,
                   c.first_response_at, c.last_customer_message_at, c.last_agent_message_at, c.resolved_at
              from conversations c
              left join staff_directory u on u.id = c.assignee_id
            """;

    private final JdbcClient jdbc;

    Conversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ConversationId id, CustomerId customer, ContactId contact, String subject, String channel, Instant at) {
        jdbc.sql("""
                insert into conversations (id, customer_id, contact_id, subject, channel, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id.value(), customer.value(), contact.value(), subject, channel, ts(at), ts(at))
                .update();
    }

    Optional<Conversation> findById(CustomerId customer, ConversationId id) {
        return jdbc.sql(SELECT + " where c.customer_id = ? and c.id = ?")
                .params(customer.value(), id.value())
                .query((rs, i) -> map(rs))
                .optional();
    }

    /**
     * Reads and locks the row until the transaction ends: changes to one conversation happen one at a time. {@code for
     * no key update}, the lock an update of non-key columns takes: it does not wait for the key-share locks that
     * inserts referencing the conversation hold (an analysis storing its rows), only for other changes of the row.
     */
    Optional<Conversation> lock(CustomerId customer, ConversationId id) {
        return jdbc.sql(SELECT + " where c.customer_id = ? and c.id = ? for no key update of c")
                .params(customer.value(), id.value())
                .query((rs, i) -> map(rs))
                .optional();
    }

    /**
     * {@link #lock} with the contact's name (the author name of a contact's message), in the same statement: ingestion
     * answers with the stored message without reading it back.
     */
    Optional<Map.Entry<Conversation, String>> lockWithContactName(CustomerId customer, ConversationId id) {
        return jdbc.sql("""
                select c.id, c.customer_id, c.contact_id, c.subject, c.status, c.priority, c.channel, c.assignee_id,
                       u.display_name as assignee_name, c.message_count, c.created_at, c.updated_at,
                       c.first_response_at, c.last_customer_message_at, c.last_agent_message_at, c.resolved_at,
                       ct.name as contact_name
                  from conversations c
                  join contacts ct on ct.id = c.contact_id
                  left join staff_directory u on u.id = c.assignee_id
                 where c.customer_id = ? and c.id = ? for no key update of c""")
                .params(customer.value(), id.value())
                .query((rs, i) -> Map.entry(map(rs), rs.getString("contact_name")))
                .optional();
    }

    /** {@link #lock}, or {@link ConversationNotFound} for an unknown conversation or another customer's. */
    Conversation locked(CustomerId customer, ConversationId id) {
        return lock(customer, id).orElseThrow(() -> new ConversationNotFound(id));
    }

    /**
     * Stores a contact's message and counts it on its conversation ({@link #contactMessageAdded}) in one statement:
     * the insert (unless the idempotency key is taken) and the conversation's update only when the insert happened.
     * The caller holds the conversation's lock.
     *
     * @return whether this call stored the message
     */
    boolean insertContactMessage(Message message, @Nullable String idempotencyKey) {
        var at = ts(message.createdAt());
        return jdbc.sql("""
                with inserted as (
                    insert into messages (id, customer_id, conversation_id, author_type, author_id, text, internal,
                                          idempotency_key, created_at)
                    values (?, ?, ?, 'contact', ?, ?, false, ?, ?)
                    on conflict (customer_id, idempotency_key) where idempotency_key is not null do nothing
                    returning id)
                update conversations
                   set message_count = message_count + 1, last_customer_message_at = ?,
                       waiting_since = coalesce(waiting_since, ?), status = 'open', resolved_at = null,
                       updated_at = ?, version = version + 1
                 where customer_id = ? and id = ? and exists (select 1 from inserted)""")
                        .params(
                                message.id().value(),
                                message.customerId().value(),
                                message.conversationId().value(),
                                message.authorId(),
                                message.text(),
                                idempotencyKey,
                                at,
                                at,
                                at,
                                at,
                                message.customerId().value(),
                                message.conversationId().value())
                        .update()
                == 1;
    }

    /** A contact wrote: someone is waiting now, and a pending or resolved conversation is open again. */
    void contactMessageAdded(CustomerId customer, ConversationId id, Instant at) {
        jdbc.sql("""
                update conversations
                   set message_count = message_count + 1, last_customer_message_at = ?,
                       waiting_since = coalesce(waiting_since, ?), status = 'open', resolved_at = null,
                       updated_at = ?, version = version + 1
                 where customer_id = ? and id = ?
                """)
                .params(ts(at), ts(at), ts(at), customer.value(), id.value())
                .update();
    }

    /** An agent answered: nobody waits any more; the first answer sets the first-response time. */
    void agentMessageAdded(CustomerId customer, ConversationId id, Instant at) {
        jdbc.sql("""
                update conversations
                   set message_count = message_count + 1, last_agent_message_at = ?,
                       first_response_at = coalesce(first_response_at, ?), waiting_since = null,
                       updated_at = ?, version = version + 1
                 where customer_id = ? and id = ?
                """)
                .params(ts(at), ts(at), ts(at), customer.value(), id.value())
                .update();
    }

    void touched(CustomerId customer, ConversationId id, Instant at) {
        jdbc.sql("update conversations set updated_at = ?, version = version + 1 where customer_id = ? and id = ?")
                .params(ts(at), customer.value(), id.value())
                .update();
    }

    void assign(CustomerId customer, ConversationId id, @Nullable UUID assignee, Instant at) {
        jdbc.sql("""
                update conversations set assignee_id = ?, updated_at = ?, version = version + 1
                 where customer_id = ? and id = ?
                """).params(assignee, ts(at), customer.value(), id.value()).update();
    }

    void resolve(CustomerId customer, ConversationId id, Instant at) {
        jdbc.sql("""
                update conversations set status = 'resolved', resolved_at = ?, waiting_since = null, updated_at = ?,
                       version = version + 1
                 where customer_id = ? and id = ?
                """).params(ts(at), ts(at), customer.value(), id.value()).update();
    }

    void reopen(CustomerId customer, ConversationId id, Instant at) {
        jdbc.sql("""
                update conversations set status = 'open', resolved_at = null, updated_at = ?, version = version + 1
                 where customer_id = ? and id = ?
                """).params(ts(at), customer.value(), id.value()).update();
    }

    void changePriority(CustomerId customer, ConversationId id, Priority priority, Instant at) {
        jdbc.sql("""
                update conversations set priority = ?, updated_at = ?, version = version + 1
                 where customer_id = ? and id = ?
                """)
                .params(priority.dbValue(), ts(at), customer.value(), id.value())
                .update();
    }

    /**
     * Stores a contact message's sentiment as the conversation's latest unless a newer message's sentiment is
     * stored already.
     *
     * @return whether the conversation changed
     */
    boolean recordSentiment(CustomerId customer, ConversationId id, MessageId message, double score, String label) {
        return jdbc.sql("""
                update conversations c
                   set last_sentiment_score = ?, last_sentiment_label = ?, last_sentiment_message_at = m.created_at
                  from messages m
                 where c.customer_id = ? and c.id = ? and m.customer_id = c.customer_id and m.conversation_id = c.id
                   and m.id = ? and m.author_type = 'contact' and not m.internal
                   and (c.last_sentiment_message_at is null or c.last_sentiment_message_at <= m.created_at)
                """)
                        .params(
                                java.math.BigDecimal.valueOf(score).setScale(4, java.math.RoundingMode.HALF_UP),
                                label,
                                customer.value(),
                                id.value(),
                                message.value())
                        .update()
                == 1;
    }

    /** One analysed message's sentiment for {@link #recordSentiments}. */
    record AnalysedSentiment(ConversationId conversation, MessageId message, double score, String label) {}

    /**
     * {@link #recordSentiment} for several messages in one statement: per conversation, the newest of its messages
     * among them; the conversation rows are locked in id order (two batches never wait for each other in a cycle).
     *
     * @return the conversations whose latest sentiment changed
     */
    List<ConversationId> recordSentiments(CustomerId customer, List<AnalysedSentiment> sentiments) {
        if (sentiments.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                with v as (
                    select distinct on (m.conversation_id) m.conversation_id, m.created_at, s.score, s.label
                      from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[]) as s(conversation_id, message_id, score, label)
                      join messages m on m.customer_id = ? and m.id = s.message_id and m.conversation_id = s.conversation_id
                                     and m.author_type = 'contact' and not m.internal
                     order by m.conversation_id, m.created_at desc, m.id desc),
                locked as materialized (
                    select c.id from conversations c join v on v.conversation_id = c.id
                     where c.customer_id = ? and (c.last_sentiment_message_at is null or c.last_sentiment_message_at <= v.created_at)
                     order by c.id for no key update of c)
                update conversations c
                   set last_sentiment_score = v.score::numeric(5, 4), last_sentiment_label = v.label,
                       last_sentiment_message_at = v.created_at
                  from v, locked
                 where c.id = locked.id and v.conversation_id = c.id
                   and (c.last_sentiment_message_at is null or c.last_sentiment_message_at <= v.created_at)
                returning c.id""")
                .params(
                        sentiments.stream().map(s -> s.conversation().value()).toArray(UUID[]::new),
                        sentiments.stream().map(s -> s.message().value()).toArray(UUID[]::new),
                        sentiments.stream()
                                .map(s -> java.math.BigDecimal.valueOf(s.score())
                                        .setScale(4, java.math.RoundingMode.HALF_UP)
                                        .toPlainString())
                                .toArray(String[]::new),
                        sentiments.stream().map(AnalysedSentiment::label).toArray(String[]::new),
                        customer.value(),
                        customer.value())
                .query((rs, i) -> new ConversationId(rs.getObject(1, UUID.class)))
                .list();
    }

    /** Does a user of this customer exist (assignees must be the customer's own staff)? */
    boolean isStaff(CustomerId customer, UUID userId) {
        return jdbc.sql("select count(*) from staff_directory where customer_id = ? and id = ?")
                        .params(customer.value(), userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Assignees, authors and resolvers must be the customer's own staff. */
    void requireStaff(CustomerId customer, UUID userId) {
        if (!isStaff(customer, userId)) {
            throw new IllegalArgumentException("user " + userId + " is not a user of this customer");
        }
    }

    static Conversation map(ResultSet rs) throws SQLException {
        return new Conversation(
                new ConversationId(rs.getObject("id", UUID.class)),
                new CustomerId(rs.getObject("customer_id", UUID.class)),
                new ContactId(rs.getObject("contact_id", UUID.class)),
                rs.getString("subject"),
                ConversationStatus.fromDb(rs.getString("status")),
                Priority.fromDb(rs.getString("priority")),
                rs.getString("channel"),
                rs.getObject("assignee_id", UUID.class),
                rs.getString("assignee_name"),
                rs.getInt("message_count"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                instant(rs.getTimestamp("first_response_at")),
                instant(rs.getTimestamp("last_customer_message_at")),
                instant(rs.getTimestamp("last_agent_message_at")),
                instant(rs.getTimestamp("resolved_at")));
    }

    static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Microseconds: what PostgreSQL stores, so returned objects equal what a later read gives. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
