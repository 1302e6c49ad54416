package uk.co.omniops.suggestion.internal;

import static uk.co.omniops.suggestion.internal.SuggestionStore.array;
import static uk.co.omniops.suggestion.internal.SuggestionStore.stats;
import static uk.co.omniops.suggestion.internal.SuggestionStore.uuid;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.suggestion.KnowledgeSnippet;
import uk.co.omniops.suggestion.ReplyEntry;
import uk.co.omniops.suggestion.ReplyProposal;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Plain SQL over what people curate: the reply library (with each entry's counts), knowledge snippets and the
 * proposals learnt from agents' edits. Callers run it inside a tenant transaction (row-level security).
 */
@Repository
public class LibraryStore {

    private final JdbcClient jdbc;

    LibraryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ReplyEntry> entries(CustomerId customer, boolean withRetired) {
        return jdbc.sql("""
                select l.*, coalesce(s.shown, 0) shown, coalesce(s.accepted, 0) accepted, coalesce(s.edited, 0) edited,
                       coalesce(s.ignored, 0) ignored
                  from reply_library l
                  left join suggestion_source_stats s
                    on s.customer_id = l.customer_id and s.source = 'library' and s.source_ref = l.id::text
                 where l.customer_id = ? and (? or not l.retired)
                 order by l.retired, lower(l.title)""")
                .params(customer.value(), withRetired)
                .query((rs, i) -> new ReplyEntry(
                        uuid(rs, "id"),
                        rs.getString("title"),
                        rs.getString("body"),
                        array(rs.getArray("categories")),
                        rs.getBoolean("retired"),
                        stats(rs),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    public int countEntries(CustomerId customer) {
        return jdbc.sql("select count(*) from reply_library where customer_id = ?")
                .param(customer.value())
                .query(Integer.class)
                .single();
    }

    public void insertEntry(
            CustomerId customer, UUID id, String title, String body, List<String> categories, String by) {
        jdbc.sql(
                        "insert into reply_library (id, customer_id, title, body, categories, created_by) values (?, ?, ?, ?, ?, ?)")
                .params(id, customer.value(), title, body, categories.toArray(String[]::new), by)
                .update();
    }

    public boolean updateEntry(CustomerId customer, UUID id, String title, String body, List<String> categories) {
        return jdbc.sql(
                                "update reply_library set title = ?, body = ?, categories = ?, updated_at = now() where customer_id = ? and id = ?")
                        .params(title, body, categories.toArray(String[]::new), customer.value(), id)
                        .update()
                == 1;
    }

    public boolean retireEntry(CustomerId customer, UUID id, boolean retired) {
        return jdbc.sql("update reply_library set retired = ?, updated_at = now() where customer_id = ? and id = ?")
                        .params(retired, customer.value(), id)
                        .update()
                == 1;
    }

    public List<KnowledgeSnippet> snippets(CustomerId customer) {
        return jdbc.sql("""
                select k.*, coalesce(s.shown, 0) shown, coalesce(s.accepted, 0) accepted, coalesce(s.edited, 0) edited,
                       coalesce(s.ignored, 0) ignored
                  from knowledge_snippets k
                  left join suggestion_source_stats s
                    on s.customer_id = k.customer_id and s.source = 'knowledge' and s.source_ref = k.id::text
                 where k.customer_id = ?
                 order by k.retired, lower(k.title)""")
                .param(customer.value())
                .query((rs, i) -> new KnowledgeSnippet(
                        uuid(rs, "id"),
                        rs.getString("title"),
                        rs.getString("body"),
                        array(rs.getArray("categories")),
                        rs.getBoolean("retired"),
                        stats(rs),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    public void insertSnippet(CustomerId customer, UUID id, String title, String body, List<String> categories) {
        jdbc.sql("insert into knowledge_snippets (id, customer_id, title, body, categories) values (?, ?, ?, ?, ?)")
                .params(id, customer.value(), title, body, categories.toArray(String[]::new))
                .update();
    }

    public boolean updateSnippet(CustomerId customer, UUID id, String title, String body, List<String> categories) {
        return jdbc.sql(
                                "update knowledge_snippets set title = ?, body = ?, categories = ?, updated_at = now() where customer_id = ? and id = ?")
                        .params(title, body, categories.toArray(String[]::new), customer.value(), id)
                        .update()
                == 1;
    }

    public boolean retireSnippet(CustomerId customer, UUID id, boolean retired) {
        return jdbc.sql(
                                "update knowledge_snippets set retired = ?, updated_at = now() where customer_id = ? and id = ?")
                        .params(retired, customer.value(), id)
                        .update()
                == 1;
    }

    /** A pending proposal whose text is similar (trigram ≥ 0.6) to an edited reply, if any. */
    Optional<UUID> similarProposal(CustomerId customer, String text) {
        return jdbc.sql("""
                select id from reply_proposals where customer_id = ? and status = 'pending' and similarity(text, ?) >= 0.6
                 order by similarity(text, ?) desc limit 1""")
                .params(customer.value(), text, text)
                .query(UUID.class)
                .optional();
    }

    void insertProposal(CustomerId customer, @Nullable String ref, String title, String text) {
        jdbc.sql("insert into reply_proposals (id, customer_id, source_ref, title, text) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), customer.value(), ref, title, text)
                .update();
    }

    void proposalSeenAgain(CustomerId customer, UUID id, String text) {
        jdbc.sql(
                        "update reply_proposals set occurrences = occurrences + 1, text = ?, updated_at = now() where customer_id = ? and id = ?")
                .params(text, customer.value(), id)
                .update();
    }

    public List<ReplyProposal> proposals(CustomerId customer, int minOccurrences) {
        return jdbc.sql("""
                select id, source_ref, title, text, occurrences, updated_at from reply_proposals
                 where customer_id = ? and status = 'pending' and occurrences >= ? order by occurrences desc, updated_at desc""")
                .params(customer.value(), minOccurrences)
                .query((rs, i) -> new ReplyProposal(
                        uuid(rs, "id"),
                        rs.getString("source_ref"),
                        rs.getString("title"),
                        rs.getString("text"),
                        rs.getInt("occurrences"),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    public boolean closeProposal(CustomerId customer, UUID id, String status) {
        return jdbc.sql(
                                "update reply_proposals set status = ?, updated_at = now() where customer_id = ? and id = ? and status = 'pending'")
                        .params(status, customer.value(), id)
                        .update()
                == 1;
    }

    public Optional<List<String>> entryCategories(CustomerId customer, String ref) {
        try {
            var id = UUID.fromString(ref);
            return jdbc.sql("select categories from reply_library where customer_id = ? and id = ?")
                    .params(customer.value(), id)
                    .query((rs, i) -> array(rs.getArray(1)))
                    .optional();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
