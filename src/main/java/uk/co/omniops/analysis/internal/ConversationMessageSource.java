package uk.co.omniops.analysis.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Reads messages through the conversation module's lookups: one message by id, and a customer's cursor-paged
 * listing of contact messages for backfills ({@link ConversationManagement#contactMessagesSince}).
 */
@Component
class ConversationMessageSource implements MessageSource {

    private final ConversationManagement conversations;

    ConversationMessageSource(ConversationManagement conversations) {
        this.conversations = conversations;
    }

    @Override
    public Optional<MessageText> text(CustomerId customer, ConversationId conversation, MessageId message) {
        return conversations
                .message(customer, message)
                .filter(m -> m.conversationId().equals(conversation))
                .map(ConversationMessageSource::text);
    }

    @Override
    public List<MessageText> contactMessagesSince(
            CustomerId customer, Instant since, int limit, @Nullable MessageText after) {
        return conversations
                .contactMessagesSince(
                        customer, since, Math.max(1, Math.min(limit, 1_000)), after == null ? null : after.id())
                .stream()
                .map(ConversationMessageSource::text)
                .toList();
    }

    static MessageText text(Message m) {
        return new MessageText(
                m.id(), m.conversationId(), m.customerId(), m.authorType(), m.internal(), m.text(), m.createdAt());
    }
}
