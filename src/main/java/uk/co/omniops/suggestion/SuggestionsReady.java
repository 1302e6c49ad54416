package uk.co.omniops.suggestion;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Suggestions for a conversation were stored (in-process ones, and again when an LLM draft was added). Published in
 * the same transaction as the rows.
 *
 * @param messageId the contact message they answer, if any
 * @param suggestionIds best first
 */
public record SuggestionsReady(CustomerId customerId, ConversationId conversationId, @Nullable MessageId messageId,
        List<UUID> suggestionIds, boolean drafted) {}
