package uk.co.omniops.conversation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.tenancy.CustomerId;

/**
 * A message in a conversation, or an internal note ({@code internal}: visible to the customer's staff only,
 * never to the contact, never analysed). {@code text} is customer text: render it as text, never as HTML.
 */
public record Message(
        MessageId id,
        ConversationId conversationId,
        CustomerId customerId,
        AuthorType authorType,
        @Nullable UUID authorId,
        @Nullable String authorName,
        String text,
        boolean internal,
        Instant createdAt) {}
