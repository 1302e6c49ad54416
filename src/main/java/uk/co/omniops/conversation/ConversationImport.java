package uk.co.omniops.conversation;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.co.omniops.platform.SqlColumns;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The conversation module's bulk import of past contacts, conversations and messages: the seeding hook the demo and
 * benchmark history (insight's {@code SyntheticHistory}) writes through, so no other module writes these tables
 * (issue 22, {@code TableOwnershipTests}). Each call is one set-based statement ({@code insert … select from unnest}
 * of one array per column), in the customer's tenant transaction (joined when the caller has one open), and skips rows
 * whose id exists: importing the same rows twice inserts nothing new. Rows go in as given: no event is published, no
 * counter is maintained and nothing is analysed (history that never went through the pipeline; the caller writes what
 * the pipeline would have added through the other modules' imports). Callers chunk large histories (a few thousand
 * conversations a call).
 */
@Service
public class ConversationImport {

    /** A contact of the customer. */
    public record ContactRow(
            ContactId id, String name, @Nullable String email, Instant createdAt) {}

    /**
     * A conversation as stored, with its figures (they are not recomputed from its messages).
     *
     * @param messageCount what {@code message_count} says; the caller imports as many messages
     */
    public record ConversationRow(
            ConversationId id,
            ContactId contact,
            String subject,
            ConversationStatus status,
            String channel,
            int messageCount,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant firstResponseAt,
            @Nullable Instant lastCustomerMessageAt,
            @Nullable Instant lastAgentMessageAt,
            @Nullable Instant resolvedAt) {}

    /** A message of an imported (or existing) conversation of the customer. */
    public record MessageRow(
            MessageId id, ConversationId conversation, AuthorType author, String text, Instant createdAt) {}

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    ConversationImport(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** @return contacts inserted (an existing id is skipped) */
    public int importContacts(CustomerId customer, List<ContactRow> contacts) {
        return transactions.inTenant(
                customer,
                () -> jdbc.sql("""
                        insert into contacts (id, customer_id, name, email, created_at)
                        select id, :c, name, email, created_at
                          from unnest(:ids::uuid[], :names::text[], :emails::text[], :at::timestamptz[])
                               as r (id, name, email, created_at)
                        on conflict (id) do nothing""")
                        .param("c", customer.value())
                        .param("ids", SqlColumns.text(contacts, r -> r.id().value()))
                        .param("names", SqlColumns.text(contacts, ContactRow::name))
                        .param("emails", SqlColumns.text(contacts, ContactRow::email))
                        .param("at", SqlColumns.text(contacts, ContactRow::createdAt))
                        .update());
    }

    /** @return conversations inserted (an existing id is skipped) */
    public int importConversations(CustomerId customer, List<ConversationRow> conversations) {
        return transactions.inTenant(
                customer,
                () -> jdbc.sql("""
                        insert into conversations (id, customer_id, contact_id, subject, status, channel, message_count,
                               created_at, updated_at, first_response_at, last_customer_message_at,
                               last_agent_message_at, resolved_at)
                        select id, :c, contact_id, subject, status, channel, message_count, created_at, updated_at,
                               first_response_at, last_customer_message_at, last_agent_message_at, resolved_at
                          from unnest(:ids::uuid[], :contacts::uuid[], :subjects::text[], :statuses::text[],
                                      :channels::text[], :counts::int[], :created::timestamptz[],
                                      :updated::timestamptz[], :responded::timestamptz[], :customer::timestamptz[],
                                      :agent::timestamptz[], :resolved::timestamptz[])
                               as r (id, contact_id, subject, status, channel, message_count, created_at, updated_at,
                                     first_response_at, last_customer_message_at, last_agent_message_at,
                                     resolved_at)
                        on conflict (id) do nothing""")
                        .param("c", customer.value())
                        .param("ids", SqlColumns.text(conversations, r -> r.id().value()))
                        .param(
                                "contacts",
                                SqlColumns.text(conversations, r -> r.contact().value()))
                        .param("subjects", SqlColumns.text(conversations, ConversationRow::subject))
                        .param(
                                "statuses",
                                SqlColumns.text(conversations, r -> r.status().dbValue()))
                        .param("channels", SqlColumns.text(conversations, ConversationRow::channel))
                        .param("counts", SqlColumns.text(conversations, ConversationRow::messageCount))
                        .param("created", SqlColumns.text(conversations, ConversationRow::createdAt))
                        .param("updated", SqlColumns.text(conversations, ConversationRow::updatedAt))
                        .param("responded", SqlColumns.text(conversations, ConversationRow::firstResponseAt))
                        .param("customer", SqlColumns.text(conversations, ConversationRow::lastCustomerMessageAt))
                        .param("agent", SqlColumns.text(conversations, ConversationRow::lastAgentMessageAt))
                        .param("resolved", SqlColumns.text(conversations, ConversationRow::resolvedAt))
                        .update());
    }

    /** @return messages inserted (an existing id is skipped) */
    public int importMessages(CustomerId customer, List<MessageRow> messages) {
        return transactions.inTenant(
                customer,
                () -> jdbc.sql("""
                        insert into messages (id, customer_id, conversation_id, author_type, text, created_at)
                        select id, :c, conversation_id, author_type, text, created_at
                          from unnest(:ids::uuid[], :conversations::uuid[], :authors::text[], :texts::text[],
                                      :at::timestamptz[]) as r (id, conversation_id, author_type, text, created_at)
                        on conflict (id) do nothing""")
                        .param("c", customer.value())
                        .param("ids", SqlColumns.text(messages, r -> r.id().value()))
                        .param(
                                "conversations",
                                SqlColumns.text(messages, r -> r.conversation().value()))
                        .param(
                                "authors",
                                SqlColumns.text(messages, r -> r.author().dbValue()))
                        .param("texts", SqlColumns.text(messages, MessageRow::text))
                        .param("at", SqlColumns.text(messages, MessageRow::createdAt))
                        .update());
    }
}
