package uk.co.omniops.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.tenancy.CustomerId;

/** Messages and internal notes of the customer in scope. */
@Repository
class Messages {

    private static final String SELECT = """
            select m.id, m.conversation_id, m.customer_id, m.author_type, m.author_id, m.text, m.internal,
                   m.created_at, case when m.author_type = 'contact' then ct.name else u.display_name end as author_name
              from messages m
              join conversations c on c.id = m.conversation_id
              join contacts ct on ct.id = c.contact_id
              left join staff_directory u on u.id = m.author_id and m.author_type <> 'contact'
            """;

    private final JdbcClient jdbc;

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts unless the idempotency key is taken; a concurrent insert with the same key waits for the other
     * transaction and then does nothing.
     *
     * @return whether this call stored the message
     */
    boolean insert(Message message, @Nullable String idempotencyKey) {
        return jdbc.sql("""
                insert into messages (id, customer_id, conversation_id, author_type, author_id, text, internal,
                                      idempotency_key, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (customer_id, idempotency_key) where idempotency_key is not null do nothing
                """)
                        .params(
                                message.id().value(),
                                message.customerId().value(),
                                message.conversationId().value(),
                                message.authorType().dbValue(),
                                message.authorId(),
                                message.text(),
                                message.internal(),
                                idempotencyKey,
                                Timestamp.from(message.createdAt()))
                        .update()
                == 1;
    }

    Optional<Message> findById(CustomerId customer, MessageId id) {
        return jdbc.sql(SELECT + " where m.customer_id = ? and m.id = ?")
                .params(customer.value(), id.value())
                .query((rs, i) -> map(rs))
                .optional();
    }

    Optional<Message> findByIdempotencyKey(CustomerId customer, String key) {
        return jdbc.sql(SELECT + " where m.customer_id = ? and m.idempotency_key = ?")
                .params(customer.value(), key)
                .query((rs, i) -> map(rs))
                .optional();
    }

    /** The newest {@code limit} messages (no notes), oldest first: a bounded read on the conversation's index. */
    List<ConversationFacts.RecentMessage> recent(CustomerId customer, ConversationId conversation, int limit) {
        return jdbc.sql("""
                select id, author_type, text, created_at from messages
                 where customer_id = ? and conversation_id = ? and not internal
                 order by created_at desc, id desc limit ?""")
                .params(customer.value(), conversation.value(), limit)
                .query((rs, i) -> new ConversationFacts.RecentMessage(
                        new MessageId(rs.getObject(1, UUID.class)),
                        AuthorType.fromDb(rs.getString(2)),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list()
                .reversed();
    }

    /**
     * {@link #recent} of several conversations in one statement (a lateral read of each conversation's index), by
     * conversation.
     */
    java.util.Map<ConversationId, List<ConversationFacts.RecentMessage>> recent(
            CustomerId customer, java.util.Collection<ConversationId> conversations, int limit) {
        var result = new java.util.HashMap<ConversationId, List<ConversationFacts.RecentMessage>>();
        jdbc.sql("""
                select c.id as conversation_id, m.id, m.author_type, m.text, m.created_at
                  from unnest(?::uuid[]) as c(id)
                  cross join lateral (select id, author_type, text, created_at from messages
                                       where customer_id = ? and conversation_id = c.id and not internal
                                       order by created_at desc, id desc limit ?) m""")
                .params(
                        conversations.stream()
                                .map(ConversationId::value)
                                .distinct()
                                .toArray(UUID[]::new),
                        customer.value(),
                        limit)
                .query(rs -> {
                    result.computeIfAbsent(
                                    new ConversationId(rs.getObject(1, UUID.class)), k -> new java.util.ArrayList<>())
                            .add(new ConversationFacts.RecentMessage(
                                    new MessageId(rs.getObject(2, UUID.class)),
                                    AuthorType.fromDb(rs.getString(3)),
                                    rs.getString(4),
                                    rs.getTimestamp(5).toInstant()));
                });
        result.replaceAll((k, v) -> v.reversed());
        return result;
    }

    /** Several messages or notes of the customer by id, in one statement; unknown ids are left out. */
    List<Message> findAll(CustomerId customer, java.util.Collection<MessageId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where m.customer_id = ? and m.id = any(?)")
                .params(customer.value(), ids.stream().map(MessageId::value).toArray(UUID[]::new))
                .query((rs, i) -> map(rs))
                .list();
    }

    /** Messages and notes, oldest first. */
    List<Message> findByConversation(CustomerId customer, ConversationId conversation) {
        return jdbc.sql(SELECT + " where m.customer_id = ? and m.conversation_id = ? order by m.created_at, m.id")
                .params(customer.value(), conversation.value())
                .query((rs, i) -> map(rs))
                .list();
    }

    /**
     * Contact messages (no notes) of one customer created at or after {@code since}, in (created_at, id) order
     * after the cursor (exclusive). Per customer on purpose: across customers (the platform path) the planner cannot
     * estimate the row-level security filter and read the whole table for every page (12 s a page at 1,000,000
     * messages, docs/benchmarks.md §5b); by customer it walks {@code messages_customer_contact_idx} (15 ms).
     */
    List<Message> contactMessagesSince(
            CustomerId customer, java.time.Instant since, int limit, @Nullable MessageId after) {
        var sql = SELECT
                + " where m.customer_id = ? and m.author_type = 'contact' and not m.internal and m.created_at >= ?"
                + (after == null
                        ? ""
                        : " and (m.created_at, m.id) > ((select a.created_at from messages a where a.id = ?), ?)")
                + " order by m.created_at, m.id limit ?";
        var params = new java.util.ArrayList<Object>();
        params.add(customer.value());
        params.add(Timestamp.from(since));
        if (after != null) {
            params.add(after.value());
            params.add(after.value());
        }
        params.add(limit);
        return jdbc.sql(sql).params(params).query((rs, i) -> map(rs)).list();
    }

    private static Message map(ResultSet rs) throws SQLException {
        var name = rs.getString("author_name");
        return new Message(
                new MessageId(rs.getObject("id", UUID.class)),
                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                new CustomerId(rs.getObject("customer_id", UUID.class)),
                AuthorType.fromDb(rs.getString("author_type")),
                rs.getObject("author_id", UUID.class),
                name,
                rs.getString("text"),
                rs.getBoolean("internal"),
                rs.getTimestamp("created_at").toInstant());
    }
}
