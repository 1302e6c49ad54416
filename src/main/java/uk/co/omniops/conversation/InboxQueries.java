package uk.co.omniops.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The inbox's reads: one page of conversations with their contact, assignee and preview, the number matching a
 * filter, and the open counts behind the filter chips. Status, priority and sentiment filters are written into the
 * SQL as literals (they come from enums or validated labels, never from free input) so that the planner can match
 * the partial inbox indexes of V2 on every execution, also with a generic plan.
 */
@Repository
class InboxQueries {

    private final JdbcClient jdbc;

    InboxQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ConversationSummary> inbox(CustomerId customer, InboxQuery query, int offset, int limit) {
        var sql = """
                select c.id, ct.name as contact_name, c.subject, c.status, c.priority, c.assignee_id,
                       u.display_name as assignee_name, c.last_customer_message_at, c.waiting_since,
                       c.message_count, c.updated_at, c.last_sentiment_score, c.last_sentiment_label,
                       coalesce((select left(m.text, 200) from messages m
                                  where m.conversation_id = c.id and not m.internal
                                  order by m.created_at desc limit 1), '') as preview
                  from conversations c
                  join contacts ct on ct.id = c.contact_id
                  left join staff_directory u on u.id = c.assignee_id
                """ + where(query) + orderBy(query.sort()) + " offset ? limit ?";
        var params = params(customer, query);
        params.add(offset);
        params.add(limit);
        return jdbc.sql(sql).params(params).query((rs, i) -> summary(rs)).list();
    }

    int count(CustomerId customer, InboxQuery query) {
        return jdbc.sql("select count(*) from conversations c " + where(query))
                .params(params(customer, query))
                .query(Integer.class)
                .single();
    }

    OpenCounts openCounts(CustomerId customer) {
        var byAssignee = new HashMap<UUID, Integer>();
        var unassigned = new int[1];
        jdbc.sql("""
                select assignee_id, count(*) as n
                  from conversations
                 where customer_id = ? and status in ('open', 'pending')
                 group by assignee_id
                """).params(customer.value()).query(rs -> {
            var assignee = rs.getObject("assignee_id", UUID.class);
            if (assignee == null) {
                unassigned[0] = rs.getInt("n");
            } else {
                byAssignee.put(assignee, rs.getInt("n"));
            }
        });
        var all = unassigned[0]
                + byAssignee.values().stream().mapToInt(Integer::intValue).sum();
        return new OpenCounts(unassigned[0], all, byAssignee);
    }

    private static String where(InboxQuery query) {
        var where = new StringBuilder(" where c.customer_id = ?");
        if (!query.statuses().isEmpty()) {
            where.append(" and c.status in (")
                    .append(query.statuses().stream()
                            .sorted()
                            .map(s -> "'" + s.dbValue() + "'")
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (!query.priorities().isEmpty()) {
            where.append(" and c.priority in (")
                    .append(query.priorities().stream()
                            .sorted()
                            .map(p -> "'" + p.dbValue() + "'")
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (!query.sentimentLabels().isEmpty()) {
            // validated against InboxQuery.SENTIMENT_LABELS: literals, like status and priority
            where.append(" and c.last_sentiment_label in (")
                    .append(query.sentimentLabels().stream()
                            .sorted()
                            .map(l -> "'" + l + "'")
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        switch (query.scope()) {
            case MINE -> where.append(query.viewer() == null ? " and false" : " and c.assignee_id = ?");
            case UNASSIGNED -> where.append(" and c.assignee_id is null");
            case ALL -> {}
        }
        return where.append(' ').toString();
    }

    private static List<Object> params(CustomerId customer, InboxQuery query) {
        var params = new java.util.ArrayList<Object>();
        params.add(customer.value());
        if (query.scope() == InboxQuery.Scope.MINE && query.viewer() != null) {
            params.add(query.viewer());
        }
        return params;
    }

    private static String orderBy(InboxQuery.Sort sort) {
        return switch (sort) {
            case WAITING_LONGEST -> " order by c.waiting_since asc nulls last, c.updated_at desc, c.id";
            case PRIORITY -> " order by c.priority_rank desc, c.waiting_since asc nulls last, c.updated_at desc, c.id";
            case NEWEST -> " order by c.created_at desc, c.id desc";
            case MOST_NEGATIVE -> " order by c.last_sentiment_score asc nulls last, c.updated_at desc, c.id";
        };
    }

    private static ConversationSummary summary(ResultSet rs) throws SQLException {
        return new ConversationSummary(
                new ConversationId(rs.getObject("id", UUID.class)),
                rs.getString("contact_name"),
                rs.getString("subject"),
                ConversationStatus.fromDb(rs.getString("status")),
                Priority.fromDb(rs.getString("priority")),
                rs.getObject("assignee_id", UUID.class),
                rs.getString("assignee_name"),
                rs.getString("preview"),
                Conversations.instant(rs.getTimestamp("last_customer_message_at")),
                Conversations.instant(rs.getTimestamp("waiting_since")),
                rs.getInt("message_count"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getBigDecimal("last_sentiment_score") == null
                        ? null
                        : rs.getBigDecimal("last_sentiment_score").doubleValue(),
                rs.getString("last_sentiment_label"));
    }
}
