package uk.co.omniops.analysis;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.platform.SqlColumns;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The analysis module's bulk import of past analyses (sentiment and categories of messages that never went through the
 * pipeline): the seeding hook the demo and benchmark history (insight's {@code SyntheticHistory}) writes through, so
 * no other module writes these tables (issue 22, {@code TableOwnershipTests}). Each call is one set-based statement
 * ({@code insert … select from unnest}), in the customer's tenant transaction (joined when the caller has one open);
 * rows whose id, or whose message's sentiment, exists are skipped, so importing twice inserts nothing new. No event is
 * published and no vector is stored ({@link AnalysisManagement#storeEmbeddings} does that for imported messages).
 */
@Service
public class AnalysisImport {

    /**
     * One message's sentiment as the pipeline stores it.
     *
     * @param score 0–1, stored to four decimals
     * @param label {@code negative}, {@code neutral} or {@code positive}
     */
    public record SentimentRow(
            UUID id,
            MessageId message,
            ConversationId conversation,
            double score,
            String label,
            double confidence,
            String model,
            Instant createdAt) {}

    /** A category of a conversation, found in one of its messages. */
    public record CategoryRow(
            UUID id,
            ConversationId conversation,
            MessageId message,
            String key,
            double confidence,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    AnalysisImport(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** @return sentiment rows inserted */
    public int importSentiment(CustomerId customer, List<SentimentRow> rows) {
        return transactions.inTenant(
                customer,
                () -> jdbc.sql("""
                        insert into sentiment_analysis (id, customer_id, message_id, conversation_id, score, label,
                               confidence, model, created_at)
                        select id, :c, message_id, conversation_id, score, label, confidence, model, created_at
                          from unnest(:ids::uuid[], :messages::uuid[], :conversations::uuid[], :scores::float8[],
                                      :labels::text[], :confidences::float8[], :models::text[], :at::timestamptz[])
                               as r (id, message_id, conversation_id, score, label, confidence, model, created_at)
                        on conflict do nothing""")
                        .param("c", customer.value())
                        .param("ids", SqlColumns.text(rows, SentimentRow::id))
                        .param(
                                "messages",
                                SqlColumns.text(rows, r -> r.message().value()))
                        .param(
                                "conversations",
                                SqlColumns.text(rows, r -> r.conversation().value()))
                        .param("scores", SqlColumns.text(rows, SentimentRow::score))
                        .param("labels", SqlColumns.text(rows, SentimentRow::label))
                        .param("confidences", SqlColumns.text(rows, SentimentRow::confidence))
                        .param("models", SqlColumns.text(rows, SentimentRow::model))
                        .param("at", SqlColumns.text(rows, SentimentRow::createdAt))
                        .update());
    }

    /** @return category rows inserted */
    public int importCategories(CustomerId customer, List<CategoryRow> rows) {
        return transactions.inTenant(
                customer,
                () -> jdbc.sql("""
                        insert into conversation_categories (id, customer_id, conversation_id, message_id, category_key,
                               confidence, created_at)
                        select id, :c, conversation_id, message_id, category_key, confidence, created_at
                          from unnest(:ids::uuid[], :conversations::uuid[], :messages::uuid[], :keys::text[],
                                      :confidences::float8[], :at::timestamptz[])
                               as r (id, conversation_id, message_id, category_key, confidence, created_at)
                        on conflict do nothing""")
                        .param("c", customer.value())
                        .param("ids", SqlColumns.text(rows, CategoryRow::id))
                        .param(
                                "conversations",
                                SqlColumns.text(rows, r -> r.conversation().value()))
                        .param(
                                "messages",
                                SqlColumns.text(rows, r -> r.message().value()))
                        .param("keys", SqlColumns.text(rows, CategoryRow::key))
                        .param("confidences", SqlColumns.text(rows, CategoryRow::confidence))
                        .param("at", SqlColumns.text(rows, CategoryRow::createdAt))
                        .update());
    }
}
