package uk.co.omniops.suggestion.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.suggestion.SourceStats;
import uk.co.omniops.suggestion.Suggestion;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Plain SQL over what suggestions are computed and learnt from: shown suggestions and their batches, the per-source
 * counts, the knowledge and past replies searched for candidates. The library, knowledge and proposals as people
 * curate them are {@link LibraryStore}'s. Callers run it inside a tenant transaction (row-level security).
 */
@Repository
public class SuggestionStore {

    private static final String SUGGESTION_COLUMNS = """
            id, conversation_id, message_id, source, source_ref, source_title, text, score, reason, rank, status, created_at""";

    private final JdbcClient jdbc;

    SuggestionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- knowledge

    /** Full-text rank (normalised to 0…1) or trigram similarity, whichever is higher. */
    List<Ranker.Candidate> searchKnowledge(CustomerId customer, String text, int limit) {
        return jdbc.sql("""
                with q as (select websearch_to_tsquery('english', ?) tsq, ? txt)
                select k.id, k.title, k.body, k.categories,
                       greatest(ts_rank_cd(k.search, replace(q.tsq::text, '&', '|')::tsquery, 32) * 4,
                                word_similarity(q.txt, k.title || ' ' || k.body)) score,
                       coalesce(s.shown, 0) shown, coalesce(s.accepted, 0) accepted, coalesce(s.edited, 0) edited,
                       coalesce(s.ignored, 0) ignored
                  from knowledge_snippets k cross join q
                  left join suggestion_source_stats s
                    on s.customer_id = k.customer_id and s.source = 'knowledge' and s.source_ref = k.id::text
                 where k.customer_id = ? and not k.retired
                   and (k.search @@ replace(q.tsq::text, '&', '|')::tsquery or (q.txt <% (k.title || ' ' || k.body)))
                 order by score desc
                 limit ?""")
                .params(text, text, customer.value(), limit)
                .query((rs, i) -> new Ranker.Candidate(
                        Suggestion.KNOWLEDGE,
                        rs.getString("id"),
                        rs.getString("title"),
                        rs.getString("body"),
                        array(rs.getArray("categories")),
                        stats(rs),
                        Math.min(1.0, rs.getDouble("score")),
                        "article"))
                .list();
    }

    /** Every active knowledge snippet of the customer, without a text score (ranked by meaning, decision 006). */
    List<Ranker.Candidate> knowledgeCandidates(CustomerId customer) {
        return jdbc.sql("""
                select k.id, k.title, k.body, k.categories,
                       coalesce(s.shown, 0) shown, coalesce(s.accepted, 0) accepted, coalesce(s.edited, 0) edited,
                       coalesce(s.ignored, 0) ignored
                  from knowledge_snippets k
                  left join suggestion_source_stats s
                    on s.customer_id = k.customer_id and s.source = 'knowledge' and s.source_ref = k.id::text
                 where k.customer_id = ? and not k.retired
                 order by k.created_at, k.id
                 limit 500""")
                .param(customer.value())
                .query((rs, i) -> new Ranker.Candidate(
                        Suggestion.KNOWLEDGE,
                        rs.getString("id"),
                        rs.getString("title"),
                        rs.getString("body"),
                        array(rs.getArray("categories")),
                        stats(rs),
                        0.0,
                        "article"))
                .list();
    }

    /** Agents' replies to the most similar earlier contact messages (trigram similarity), best first. */
    List<Ranker.Candidate> searchPastReplies(
            CustomerId customer, String text, ConversationId excludeConversation, int limit) {
        return jdbc.sql("""
                select p.id, p.contact_text, p.reply_text, similarity(p.contact_text, ?) score,
                       coalesce(s.shown, 0) shown, coalesce(s.accepted, 0) accepted, coalesce(s.edited, 0) edited,
                       coalesce(s.ignored, 0) ignored
                  from reply_pairs p
                  left join suggestion_source_stats s
                    on s.customer_id = p.customer_id and s.source = 'past_reply' and s.source_ref = p.id::text
                 where p.customer_id = ? and p.conversation_id <> ? and p.contact_text % ?
                 order by score desc, p.created_at desc
                 limit ?""")
                .params(text, customer.value(), excludeConversation.value(), text, limit)
                .query((rs, i) -> new Ranker.Candidate(
                        Suggestion.PAST_REPLY,
                        rs.getString("id"),
                        "Past reply",
                        rs.getString("reply_text"),
                        List.of(),
                        stats(rs),
                        rs.getDouble("score"),
                        "similar message (" + Math.round(rs.getDouble("score") * 100) + " %): “"
                                + abbreviate(rs.getString("contact_text"), 60) + "”",
                        rs.getString("contact_text")))
                .list();
    }

    void insertPair(
            CustomerId customer,
            ConversationId conversation,
            MessageId contactMessage,
            MessageId agentMessage,
            String contactText,
            String replyText) {
        jdbc.sql("""
                insert into reply_pairs (id, customer_id, conversation_id, contact_message, agent_message, contact_text, reply_text)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (agent_message) do nothing""")
                .params(
                        UUID.randomUUID(),
                        customer.value(),
                        conversation.value(),
                        contactMessage.value(),
                        agentMessage.value(),
                        contactText,
                        replyText)
                .update();
    }

    // ---- stats

    public SourceStats customerStats(CustomerId customer) {
        return jdbc.sql("""
                select coalesce(sum(shown), 0) shown, coalesce(sum(accepted), 0) accepted, coalesce(sum(edited), 0) edited,
                       coalesce(sum(ignored), 0) ignored
                  from suggestion_source_stats where customer_id = ? and source <> 'llm'""").param(customer.value()).query((rs, i) -> stats(rs)).single();
    }

    public SourceStats sourceStats(CustomerId customer, String source) {
        return jdbc.sql("""
                select coalesce(sum(shown), 0) shown, coalesce(sum(accepted), 0) accepted, coalesce(sum(edited), 0) edited,
                       coalesce(sum(ignored), 0) ignored
                  from suggestion_source_stats where customer_id = ? and source = ?""")
                .params(customer.value(), source)
                .query((rs, i) -> stats(rs))
                .single();
    }

    /** @param column shown, accepted, edited or ignored (never user input) */
    void count(CustomerId customer, String source, String ref, String column) {
        if (!List.of("shown", "accepted", "edited", "ignored").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        jdbc.sql("insert into suggestion_source_stats (customer_id, source, source_ref, " + column
                        + ") values (?, ?, ?, 1) "
                        + "on conflict (customer_id, source, source_ref) do update set " + column
                        + " = suggestion_source_stats."
                        + column + " + 1")
                .params(customer.value(), source, ref)
                .update();
    }

    /** One increment of a source's counter, for {@link #countAll}. */
    record Increment(String source, String ref, String column) {}

    /**
     * Applies increments in one order (source, ref, column) whatever order they were collected in: concurrent
     * transactions that upsert the same rows in different orders deadlock.
     */
    void countAll(CustomerId customer, List<Increment> increments) {
        increments.stream()
                .sorted(java.util.Comparator.comparing(Increment::source)
                        .thenComparing(Increment::ref)
                        .thenComparing(Increment::column))
                .forEach(i -> count(customer, i.source(), i.ref(), i.column()));
    }

    // ---- suggestions

    void insertSuggestion(
            CustomerId customer,
            UUID id,
            UUID batch,
            ConversationId conversation,
            @Nullable MessageId message,
            String source,
            @Nullable String ref,
            String title,
            String text,
            double score,
            String reason,
            int rank) {
        jdbc.sql("""
                insert into response_suggestions (id, customer_id, conversation_id, message_id, batch_id, source, source_ref,
                                                  source_title, text, score, reason, rank, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'shown')""")
                .params(
                        id,
                        customer.value(),
                        conversation.value(),
                        message == null ? null : message.value(),
                        batch,
                        source,
                        ref,
                        title,
                        text,
                        BigDecimal.valueOf(Math.max(0, Math.min(1, score))).setScale(4, java.math.RoundingMode.HALF_UP),
                        reason,
                        rank)
                .update();
    }

    /** The newest batch of a conversation, best first (an LLM draft, rank 0, leads). */
    List<Suggestion> latestBatch(CustomerId customer, ConversationId conversation) {
        return jdbc.sql("select " + SUGGESTION_COLUMNS + """
                 from response_suggestions
                where customer_id = ? and conversation_id = ?
                  and batch_id = (select batch_id from response_suggestions where customer_id = ? and conversation_id = ?
                                    and batch_id is not null order by created_at desc limit 1)
                order by rank""")
                .params(customer.value(), conversation.value(), customer.value(), conversation.value())
                .query((rs, i) -> suggestion(rs))
                .list();
    }

    List<Suggestion> batch(CustomerId customer, UUID batch) {
        return jdbc.sql("select " + SUGGESTION_COLUMNS
                        + " from response_suggestions where customer_id = ? and batch_id = ? order by rank")
                .params(customer.value(), batch)
                .query((rs, i) -> suggestion(rs))
                .list();
    }

    public Optional<Suggestion> find(CustomerId customer, UUID id) {
        return jdbc.sql("select " + SUGGESTION_COLUMNS + " from response_suggestions where customer_id = ? and id = ?")
                .params(customer.value(), id)
                .query((rs, i) -> suggestion(rs))
                .optional();
    }

    /**
     * Marks a suggestion as put into the composer. A concurrent computation for the same message may be replacing the
     * batch at this very moment (its delete skips inserted rows, but only those it sees as inserted): an upsert keeps
     * the row either way. It waits for a concurrent delete on the primary key and then puts the row back, outside any
     * batch, so the reply can still be attributed to what the agent inserted.
     */
    public void markInserted(CustomerId customer, Suggestion s, UUID agent) {
        jdbc.sql("""
                insert into response_suggestions (id, customer_id, conversation_id, message_id, batch_id, source, source_ref,
                                                  source_title, text, score, reason, rank, status, created_at,
                                                  inserted_by, inserted_at)
                values (?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (id) do update set inserted_by = excluded.inserted_by, inserted_at = excluded.inserted_at""")
                .params(
                        s.id(),
                        customer.value(),
                        s.conversationId().value(),
                        s.messageId() == null ? null : s.messageId().value(),
                        s.source(),
                        s.sourceRef(),
                        s.sourceTitle(),
                        s.text(),
                        BigDecimal.valueOf(s.score()).setScale(4, java.math.RoundingMode.HALF_UP),
                        s.reason(),
                        s.rank(),
                        s.status(),
                        Timestamp.from(s.createdAt()),
                        agent)
                .update();
    }

    /** Still undecided rows of a conversation created before a point in time; inserted ones first, newest insert first. */
    List<Pending> undecided(CustomerId customer, ConversationId conversation, java.time.Instant before) {
        return jdbc.sql("select " + SUGGESTION_COLUMNS + ", inserted_by, inserted_at, message_id" + """
                 from response_suggestions
                where customer_id = ? and conversation_id = ? and status = 'shown' and created_at <= ?
                order by inserted_at desc nulls last, created_at desc""")
                .params(customer.value(), conversation.value(), Timestamp.from(before))
                .query((rs, i) -> new Pending(suggestion(rs), (UUID) rs.getObject("inserted_by")))
                .list();
    }

    record Pending(Suggestion suggestion, @Nullable UUID insertedBy) {}

    /** Only a row still {@code shown} changes (listeners are at-least-once). */
    boolean decide(CustomerId customer, UUID id, String status, @Nullable String sentText, @Nullable Integer distance) {
        return jdbc.sql("""
                update response_suggestions set status = ?, sent_text = ?, edit_distance = ?, decided_at = now()
                 where customer_id = ? and id = ? and status = 'shown'""")
                        .params(status, sentText, distance, customer.value(), id)
                        .update()
                == 1;
    }

    /**
     * Serialises the writers of a conversation's suggestions until the transaction ends: a computation replacing the
     * batch and an LLM draft joining it. Without it a draft checked its batch while a replacement's delete was not yet
     * committed, joined the doomed batch and outlived it, the newest row of the conversation: the panel showed the
     * draft alone.
     */
    void lockConversation(ConversationId conversation) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?::text, 5))")
                .param(conversation.value())
                .query()
                .singleValue();
    }

    /** Rows of earlier batches for the same message that nobody inserted: replaced, not ignored. */
    int deleteReplaced(CustomerId customer, ConversationId conversation, @Nullable MessageId message) {
        if (message == null) {
            return 0;
        }
        return jdbc.sql("""
                delete from response_suggestions
                 where customer_id = ? and conversation_id = ? and message_id = ? and status = 'shown' and inserted_at is null""")
                .params(customer.value(), conversation.value(), message.value())
                .update();
    }

    // ---- mapping

    private static Suggestion suggestion(ResultSet rs) throws SQLException {
        var message = (UUID) rs.getObject("message_id");
        return new Suggestion(
                uuid(rs, "id"),
                new ConversationId(uuid(rs, "conversation_id")),
                message == null ? null : new MessageId(message),
                rs.getString("source"),
                rs.getString("source_ref"),
                rs.getString("source_title"),
                rs.getString("text"),
                rs.getDouble("score"),
                rs.getString("reason"),
                rs.getInt("rank"),
                rs.getString("status"),
                rs.getTimestamp("created_at").toInstant());
    }

    static SourceStats stats(ResultSet rs) throws SQLException {
        return new SourceStats(rs.getInt("shown"), rs.getInt("accepted"), rs.getInt("edited"), rs.getInt("ignored"));
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return (UUID) rs.getObject(column);
    }

    static List<String> array(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    public static String abbreviate(String s, int max) {
        var one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
