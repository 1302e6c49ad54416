package uk.co.omniops.conversation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.tenancy.CustomerId;

/** A conversation's current state (read model; changed only through {@link ConversationManagement}). */
public record Conversation(
        ConversationId id,
        CustomerId customerId,
        ContactId contactId,
        String subject,
        ConversationStatus status,
        Priority priority,
        String channel,
        @Nullable UUID assigneeId,
        @Nullable String assigneeName,
        int messageCount,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant firstResponseAt,
        @Nullable Instant lastCustomerMessageAt,
        @Nullable Instant lastAgentMessageAt,
        @Nullable Instant resolvedAt) {}
