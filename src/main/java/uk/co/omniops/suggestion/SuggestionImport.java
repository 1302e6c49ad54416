package uk.co.omniops.suggestion;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.platform.SqlColumns;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The suggestion module's bulk import of past shown suggestions and what the agents did with them: the seeding hook
 * the demo and benchmark history (insight's {@code SyntheticHistory}) writes through, so no other module writes
 * {@code response_suggestions} (issue 22, {@code TableOwnershipTests}). One set-based statement per call ({@code
 * insert … select from unnest}) in the customer's tenant transaction (joined when the caller has one open); an
 * existing id is skipped, so importing twice inserts nothing new. The ranking's learned figures
 * ({@code suggestion_source_stats}) are not touched: history does not train the live ranking. The reply library is
 * seeded separately ({@link SuggestionManagement#seed}).
 */
@Service
public class SuggestionImport {

    /**
     * One suggestion shown for a message.
     *
     * @param source {@link Suggestion#LIBRARY}, {@link Suggestion#KNOWLEDGE}, {@link Suggestion#PAST_REPLY} or
     *     {@link Suggestion#LLM}
     * @param status {@code shown}, {@code accepted}, {@code edited} or {@code ignored}
     */
    public record SuggestionRow(
            UUID id,
            ConversationId conversation,
            MessageId message,
            String source,
            String text,
            String status,
            Instant createdAt,
            @Nullable Instant decidedAt) {}

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    SuggestionImport(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** @return suggestions inserted */
    public int importSuggestions(CustomerId customer, List<SuggestionRow> rows) {
        return transactions.inTenant(
                customer,
                () -> jdbc.sql("""
                        insert into response_suggestions (id, customer_id, conversation_id, message_id, source, text,
                               status, created_at, decided_at)
                        select id, :c, conversation_id, message_id, source, text, status, created_at, decided_at
                          from unnest(:ids::uuid[], :conversations::uuid[], :messages::uuid[], :sources::text[],
                                      :texts::text[], :statuses::text[], :created::timestamptz[],
                                      :decided::timestamptz[])
                               as r (id, conversation_id, message_id, source, text, status, created_at, decided_at)
                        on conflict do nothing""")
                        .param("c", customer.value())
                        .param("ids", SqlColumns.text(rows, SuggestionRow::id))
                        .param(
                                "conversations",
                                SqlColumns.text(rows, r -> r.conversation().value()))
                        .param(
                                "messages",
                                SqlColumns.text(rows, r -> r.message().value()))
                        .param("sources", SqlColumns.text(rows, SuggestionRow::source))
                        .param("texts", SqlColumns.text(rows, SuggestionRow::text))
                        .param("statuses", SqlColumns.text(rows, SuggestionRow::status))
                        .param("created", SqlColumns.text(rows, SuggestionRow::createdAt))
                        .param("decided", SqlColumns.text(rows, SuggestionRow::decidedAt))
                        .update());
    }
}
