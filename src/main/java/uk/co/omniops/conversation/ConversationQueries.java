package uk.co.omniops.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Reads of conversations for other modules and the API: the facts event listeners decide on, the API's pages of
 * changed conversations, the resolved ones an index of past conversations loads, and a contact's count.
 */
@Repository
class ConversationQueries {

    private final JdbcClient jdbc;

    ConversationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The conversation's facts without its messages (see {@link ConversationFacts}); one indexed row. */
    Optional<ConversationFacts> facts(
            CustomerId customer, ConversationId id, List<ConversationFacts.RecentMessage> recent) {
        return jdbc.sql("""
                select c.id, c.status, c.priority, c.assignee_id, u.display_name as assignee_name, c.created_at,
                       c.message_count, c.waiting_since, ct.name as contact_name, ct.email as contact_email, (ct.vip and ct.verified) as vip
                  from conversations c
                  join contacts ct on ct.id = c.contact_id
                  left join staff_directory u on u.id = c.assignee_id
                 where c.customer_id = ? and c.id = ?""")
                .params(customer.value(), id.value())
                .query((rs, i) -> facts(rs, recent))
                .optional();
    }

    /** {@link #facts} of several conversations in one statement; unknown ones are left out. */
    List<ConversationFacts> facts(
            CustomerId customer,
            java.util.Collection<ConversationId> ids,
            Map<ConversationId, List<ConversationFacts.RecentMessage>> recent) {
        return jdbc.sql("""
                select c.id, c.status, c.priority, c.assignee_id, u.display_name as assignee_name, c.created_at,
                       c.message_count, c.waiting_since, ct.name as contact_name, ct.email as contact_email, ct.vip
                  from conversations c
                  join contacts ct on ct.id = c.contact_id
                  left join staff_directory u on u.id = c.assignee_id
                 where c.customer_id = ? and c.id = any(?)""")
                .params(
                        customer.value(),
                        ids.stream().map(ConversationId::value).distinct().toArray(UUID[]::new))
                .query((rs, i) ->
                        facts(rs, recent.getOrDefault(new ConversationId(rs.getObject("id", UUID.class)), List.of())))
                .list();
    }

    int countOfContact(CustomerId customer, ContactId contact) {
        return jdbc.sql("select count(*) from conversations where customer_id = ? and contact_id = ?")
                .params(customer.value(), contact.value())
                .query(Integer.class)
                .single();
    }

    /** The API's list: changed since a point in time, most recently changed first. */
    List<Conversation> page(
            CustomerId customer, @Nullable ConversationStatus status, @Nullable Instant since, int offset, int limit) {
        return jdbc.sql(Conversations.SELECT + apiWhere(status, since)
                        + " order by c.updated_at desc, c.id desc offset ? limit ?")
                .params(apiParams(customer, since, offset, limit))
                .query((rs, i) -> Conversations.map(rs))
                .list();
    }

    /** Resolved conversations of the customer resolved at or after {@code since} (null: any time), newest first. */
    java.util.LinkedHashMap<ConversationId, Instant> resolvedSince(
            CustomerId customer, @Nullable Instant since, int limit) {
        var result = new java.util.LinkedHashMap<ConversationId, Instant>();
        jdbc.sql("""
                select id, resolved_at from conversations
                 where customer_id = ? and status = 'resolved' and resolved_at >= ?
                 order by resolved_at desc, id desc limit ?""")
                .params(customer.value(), Conversations.ts(since == null ? Instant.EPOCH : since), limit)
                .query(rs -> {
                    result.put(
                            new ConversationId(rs.getObject(1, java.util.UUID.class)),
                            rs.getTimestamp(2).toInstant());
                });
        return result;
    }

    long countPage(CustomerId customer, @Nullable ConversationStatus status, @Nullable Instant since) {
        return jdbc.sql("select count(*) from conversations c " + apiWhere(status, since))
                .params(apiParams(customer, since, null, null))
                .query(Long.class)
                .single();
    }

    private static String apiWhere(@Nullable ConversationStatus status, @Nullable Instant since) {
        return " where c.customer_id = ?" + (status == null ? "" : " and c.status = '" + status.dbValue() + "'")
                + (since == null ? "" : " and c.updated_at >= ?");
    }

    private static List<Object> apiParams(
            CustomerId customer, @Nullable Instant since, @Nullable Integer offset, @Nullable Integer limit) {
        var params = new java.util.ArrayList<Object>();
        params.add(customer.value());
        if (since != null) {
            params.add(Conversations.ts(since));
        }
        if (offset != null && limit != null) {
            params.add(offset);
            params.add(limit);
        }
        return params;
    }

    private static ConversationFacts facts(ResultSet rs, List<ConversationFacts.RecentMessage> recent)
            throws SQLException {
        return new ConversationFacts(
                new ConversationId(rs.getObject("id", UUID.class)),
                ConversationStatus.fromDb(rs.getString("status")),
                Priority.fromDb(rs.getString("priority")),
                rs.getObject("assignee_id", UUID.class),
                rs.getString("assignee_name"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getInt("message_count"),
                Conversations.instant(rs.getTimestamp("waiting_since")),
                rs.getString("contact_name"),
                rs.getString("contact_email"),
                rs.getBoolean("vip"),
                recent);
    }
}
