package uk.co.omniops.analysis.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.SentimentPoint;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Analysis results in {@code sentiment_analysis} and {@code conversation_categories} (the corrections log is
 * {@link CorrectionLog}).
 * Callers run inside a tenant transaction; every statement also filters by customer.
 */
@Repository
public class AnalysisStore {

    /** The sentiment row's {@code model} when an agent set the label. */
    public static final String AGENT = "agent";

    private final JdbcClient jdbc;

    AnalysisStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A model's results for one message of a batch ({@link #insertModelResults}). */
    record ModelResult(
            MessageId message,
            MessageAnalysed.@Nullable Sentiment sentiment,
            long latencyMicros,
            List<MessageAnalysed.Category> categories) {}

    /**
     * {@link #lock} for several messages in one statement, in id order (so two callers never wait for each other
     * in a cycle).
     */
    void lockAll(Collection<MessageId> messages) {
        var ids = messages.stream().map(MessageId::value).sorted().toArray(UUID[]::new);
        jdbc.sql("select count(pg_advisory_xact_lock(hashtextextended(x::text, 4))) from unnest(?::uuid[]) x")
                .param(ids)
                .query()
                .singleRow();
    }

    /**
     * Stores the model's results of messages that have none yet (the caller holds their locks and has checked) of one
     * conversation (the backfill of resolved conversations).
     */
    void insertModelResults(CustomerId customer, ConversationId conversation, List<ModelResult> results) {
        insertModelResults(customer, results, m -> conversation);
    }

    /**
     * Stores the model's results of messages that have none yet (the caller holds their locks and has checked), of
     * any conversations of the customer: two multi-row inserts (one statement for the sentiments, one for the
     * categories, whatever the number of messages). A batch of analysed messages (live jobs) or one conversation's.
     */
    void insertModelResults(
            CustomerId customer,
            List<ModelResult> results,
            java.util.function.Function<MessageId, ConversationId> conversationOf) {
        var sentiments = results.stream().filter(r -> r.sentiment() != null).toList();
        if (!sentiments.isEmpty()) {
            var n = sentiments.size();
            var ids = new UUID[n];
            var messages = new UUID[n];
            var conversations = new UUID[n];
            var scores = new Double[n];
            var labels = new String[n];
            var confidences = new Double[n];
            var models = new String[n];
            var latencies = new Integer[n];
            for (var i = 0; i < n; i++) {
                var r = sentiments.get(i);
                var sentiment = Objects.requireNonNull(r.sentiment());
                ids[i] = UUID.randomUUID();
                messages[i] = r.message().value();
                conversations[i] = conversationOf.apply(r.message()).value();
                scores[i] = dec(sentiment.score()).doubleValue();
                labels[i] = sentiment.label();
                confidences[i] = dec(sentiment.confidence()).doubleValue();
                models[i] = sentiment.model();
                latencies[i] = (int) Math.min(r.latencyMicros(), Integer.MAX_VALUE);
            }
            jdbc.sql("""
                    insert into sentiment_analysis (id, customer_id, message_id, conversation_id, score, label, confidence, model, latency_us)
                    select id, ?, message_id, conversation_id, score::numeric(5, 4), label, confidence::numeric(5, 4), model, latency_us
                      from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::float8[], ?::text[], ?::float8[], ?::text[], ?::int4[])
                           as r(id, message_id, conversation_id, score, label, confidence, model, latency_us)
                    on conflict (message_id) do nothing""")
                    .params(
                            customer.value(),
                            ids,
                            messages,
                            conversations,
                            scores,
                            labels,
                            confidences,
                            models,
                            latencies)
                    .update();
        }
        var categories = results.stream()
                .flatMap(r -> r.categories().stream().map(c -> Map.entry(r.message(), c)))
                .toList();
        if (!categories.isEmpty()) {
            var n = categories.size();
            var ids = new UUID[n];
            var messages = new UUID[n];
            var conversations = new UUID[n];
            var keys = new String[n];
            var confidences = new Double[n];
            for (var i = 0; i < n; i++) {
                var e = categories.get(i);
                ids[i] = UUID.randomUUID();
                messages[i] = e.getKey().value();
                conversations[i] = conversationOf.apply(e.getKey()).value();
                keys[i] = e.getValue().key();
                confidences[i] = dec(e.getValue().confidence()).doubleValue();
            }
            jdbc.sql("""
                    insert into conversation_categories (id, customer_id, conversation_id, message_id, category_key, confidence, source)
                    select id, ?, conversation_id, message_id, category_key, confidence::numeric(5, 4), 'model'
                      from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::float8[])
                           as r(id, message_id, conversation_id, category_key, confidence)""")
                    .params(customer.value(), ids, messages, conversations, keys, confidences)
                    .update();
        }
    }

    /**
     * A model's results as the tables keep them (scores and confidences to four decimals, categories by confidence,
     * then key): what a read after {@link #insertModelResults} returns.
     */
    static ModelResult asStored(ModelResult r) {
        var s = r.sentiment();
        var sentiment = s == null
                ? null
                : new MessageAnalysed.Sentiment(
                        dec(s.score()).doubleValue(),
                        s.label(),
                        dec(s.confidence()).doubleValue(),
                        s.model());
        var categories = r.categories().stream()
                .map(c -> new MessageAnalysed.Category(
                        c.key(), dec(c.confidence()).doubleValue(), c.source()))
                .sorted(java.util.Comparator.comparingDouble(MessageAnalysed.Category::confidence)
                        .reversed()
                        .thenComparing(MessageAnalysed.Category::key))
                .toList();
        return new ModelResult(r.message(), sentiment, r.latencyMicros(), categories);
    }

    /** Serialises work on one message within the transaction (duplicate deliveries, corrections). */
    void lock(MessageId message) {
        lockAll(List.of(message));
    }

    /** Which of these messages have an analysis (a sentiment or a category row), in one statement. */
    Set<MessageId> analysedAmong(CustomerId customer, Collection<MessageId> messages) {
        if (messages.isEmpty()) {
            return Set.of();
        }
        var ids = messages.stream().map(MessageId::value).toArray(UUID[]::new);
        return Set.copyOf(jdbc.sql("""
                select message_id from sentiment_analysis where customer_id = ? and message_id = any(?)
                union
                select message_id from conversation_categories where customer_id = ? and message_id = any(?)""")
                .params(customer.value(), ids, customer.value(), ids)
                .query((rs, i) -> new MessageId(rs.getObject(1, UUID.class)))
                .list());
    }

    boolean analysed(CustomerId customer, MessageId message) {
        return !analysedAmong(customer, List.of(message)).isEmpty();
    }

    /** Stores a model's sentiment; never overwrites an agent's label. */
    void upsertSentiment(
            CustomerId customer,
            ConversationId conversation,
            MessageId message,
            MessageAnalysed.Sentiment s,
            long latencyMicros) {
        jdbc.sql("""
                insert into sentiment_analysis (id, customer_id, message_id, conversation_id, score, label, confidence, model, latency_us)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (message_id) do update
                   set score = excluded.score, label = excluded.label, confidence = excluded.confidence,
                       model = excluded.model, latency_us = excluded.latency_us, created_at = now()
                 where sentiment_analysis.model <> 'agent'""")
                .params(
                        UUID.randomUUID(),
                        customer.value(),
                        message.value(),
                        conversation.value(),
                        dec(s.score()),
                        s.label(),
                        dec(s.confidence()),
                        s.model(),
                        (int) Math.min(latencyMicros, Integer.MAX_VALUE))
                .update();
    }

    /** An agent's label: always wins (the model column says {@code agent}). */
    void setAgentSentiment(
            CustomerId customer,
            ConversationId conversation,
            MessageId message,
            double score,
            String label,
            double confidence) {
        jdbc.sql("""
                insert into sentiment_analysis (id, customer_id, message_id, conversation_id, score, label, confidence, model)
                values (?, ?, ?, ?, ?, ?, ?, 'agent')
                on conflict (message_id) do update
                   set score = excluded.score, label = excluded.label, confidence = excluded.confidence, model = 'agent',
                       latency_us = null, created_at = now()""")
                .params(
                        UUID.randomUUID(),
                        customer.value(),
                        message.value(),
                        conversation.value(),
                        dec(score),
                        label,
                        dec(confidence))
                .update();
    }

    Optional<MessageAnalysed.Sentiment> sentiment(CustomerId customer, MessageId message) {
        return jdbc.sql(
                        "select score, label, confidence, model from sentiment_analysis where customer_id = ? and message_id = ?")
                .params(customer.value(), message.value())
                .query((rs, i) -> new MessageAnalysed.Sentiment(
                        rs.getDouble(1), rs.getString(2), rs.getDouble(3), rs.getString(4)))
                .optional();
    }

    /** Replaces the model's categories of a message, unless an agent already set them. */
    void replaceModelCategories(
            CustomerId customer,
            ConversationId conversation,
            MessageId message,
            List<MessageAnalysed.Category> categories) {
        var agentRows = jdbc.sql(
                        "select count(*) from conversation_categories where customer_id = ? and message_id = ? and source = 'agent'")
                .params(customer.value(), message.value())
                .query(Long.class)
                .single();
        if (agentRows > 0) {
            return;
        }
        jdbc.sql("delete from conversation_categories where customer_id = ? and message_id = ? and source = 'model'")
                .params(customer.value(), message.value())
                .update();
        for (var c : categories) {
            insertCategory(customer, conversation, message, c.key(), c.confidence(), "model");
        }
    }

    /** An agent's final set for a message replaces every row of it. */
    void setAgentCategories(
            CustomerId customer, ConversationId conversation, MessageId message, Collection<String> keys) {
        jdbc.sql("delete from conversation_categories where customer_id = ? and message_id = ?")
                .params(customer.value(), message.value())
                .update();
        for (var key : keys) {
            insertCategory(customer, conversation, message, key, 1.0, "agent");
        }
    }

    private void insertCategory(
            CustomerId customer,
            ConversationId conversation,
            MessageId message,
            String key,
            double confidence,
            String source) {
        jdbc.sql("""
                insert into conversation_categories (id, customer_id, conversation_id, message_id, category_key, confidence, source)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        customer.value(),
                        conversation.value(),
                        message.value(),
                        key,
                        dec(confidence),
                        source)
                .update();
    }

    List<MessageAnalysed.Category> categories(CustomerId customer, MessageId message) {
        return jdbc.sql("""
                select category_key, confidence, source from conversation_categories
                 where customer_id = ? and message_id = ? order by confidence desc, category_key""")
                .params(customer.value(), message.value())
                .query((rs, i) -> new MessageAnalysed.Category(rs.getString(1), rs.getDouble(2), rs.getString(3)))
                .list();
    }

    /** Every analysed message of a conversation: sentiment rows and category rows. */
    public List<SentimentRow> sentimentRows(CustomerId customer, ConversationId conversation) {
        return jdbc.sql("""
                select s.message_id, s.score, s.label, s.confidence, s.model, s.created_at
                  from sentiment_analysis s where s.customer_id = ? and s.conversation_id = ?""")
                .params(customer.value(), conversation.value())
                .query(AnalysisStore::sentimentRow)
                .list();
    }

    public List<CategoryRow> categoryRows(CustomerId customer, ConversationId conversation) {
        return jdbc.sql("""
                select message_id, category_key, confidence, source, created_at from conversation_categories
                 where customer_id = ? and conversation_id = ? and message_id is not null
                 order by confidence desc, category_key""")
                .params(customer.value(), conversation.value())
                .query((rs, i) -> new CategoryRow(
                        new MessageId(rs.getObject(1, UUID.class)),
                        new MessageAnalysed.Category(rs.getString(2), rs.getDouble(3), rs.getString(4)),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** The trend: one point per message, in the order the messages were analysed (≈ received). */
    public List<SentimentPoint> trend(CustomerId customer, ConversationId conversation) {
        return jdbc.sql("""
                select message_id, created_at, score, label, confidence from sentiment_analysis
                 where customer_id = ? and conversation_id = ? order by created_at, message_id""")
                .params(customer.value(), conversation.value())
                .query((rs, i) -> new SentimentPoint(
                        new MessageId(rs.getObject(1, UUID.class)),
                        rs.getTimestamp(2).toInstant(),
                        rs.getDouble(3),
                        rs.getString(4),
                        rs.getDouble(5)))
                .list();
    }

    /** The conversation of an analysed message (corrections name only the message). */
    Optional<ConversationId> conversationOf(CustomerId customer, MessageId message) {
        return jdbc.sql("""
                select conversation_id from sentiment_analysis where customer_id = ? and message_id = ?
                union all
                select conversation_id from conversation_categories where customer_id = ? and message_id = ?
                limit 1""")
                .params(customer.value(), message.value(), customer.value(), message.value())
                .query((rs, i) -> new ConversationId(rs.getObject(1, UUID.class)))
                .optional();
    }

    public record SentimentRow(MessageId messageId, MessageAnalysed.Sentiment sentiment, java.time.Instant at) {}

    public record CategoryRow(MessageId messageId, MessageAnalysed.Category category, java.time.Instant at) {}

    private static SentimentRow sentimentRow(ResultSet rs, int i) throws SQLException {
        return new SentimentRow(
                new MessageId(rs.getObject(1, UUID.class)),
                new MessageAnalysed.Sentiment(rs.getDouble(2), rs.getString(3), rs.getDouble(4), rs.getString(5)),
                rs.getTimestamp(6).toInstant());
    }

    static BigDecimal dec(double v) {
        return BigDecimal.valueOf(Math.max(0, Math.min(1, v))).setScale(4, RoundingMode.HALF_UP);
    }

    public static @Nullable Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
