package uk.co.omniops.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * What analysis needs from the conversation module to read messages (analysis never reads its tables). The
 * conversation module should implement this (a cheap lookup by id and a customer's listing for backfills);
 * until then {@code internal.ConversationMessageSource} adapts {@code ConversationManagement}.
 */
public interface MessageSource {

    /** One message of a customer, or empty when it does not exist (deleted, other customer). */
    Optional<MessageText> text(CustomerId customer, ConversationId conversation, MessageId message);

    /**
     * Contact messages (no internal notes) of the customer created at or after {@code since}, in
     * {@code (createdAt, id)} order, after the cursor {@code after} (exclusive), at most {@code limit}.
     */
    List<MessageText> contactMessagesSince(CustomerId customer, Instant since, int limit, @Nullable MessageText after);

    record MessageText(
            MessageId id,
            ConversationId conversationId,
            CustomerId customerId,
            AuthorType authorType,
            boolean internal,
            String text,
            Instant createdAt) {}
}
