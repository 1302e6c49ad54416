package uk.co.omniops.conversation;

import java.time.Instant;
import uk.co.omniops.tenancy.CustomerId;

/**
 * A message was stored (published in the same transaction, delivered through the durable event registry).
 * Internal notes are not messages and publish nothing.
 */
public record MessageReceived(
        MessageId messageId,
        ConversationId conversationId,
        CustomerId customerId,
        AuthorType authorType,
        Instant createdAt) {}
