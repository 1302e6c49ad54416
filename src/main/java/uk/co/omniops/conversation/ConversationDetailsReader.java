package uk.co.omniops.conversation;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import uk.co.omniops.tenancy.CustomerId;

/**
 * A conversation with its contact and messages, from the three stores, in the caller's tenant transaction: what
 * {@link ConversationManagement#find} answers and what a (repeated) start returns.
 */
@Component
class ConversationDetailsReader {

    private final Conversations conversations;
    private final Contacts contacts;
    private final Messages messages;

    ConversationDetailsReader(Conversations conversations, Contacts contacts, Messages messages) {
        this.conversations = conversations;
        this.contacts = contacts;
        this.messages = messages;
    }

    Optional<ConversationDetails> details(CustomerId customer, ConversationId id) {
        return conversations
                .findById(customer, id)
                .map(c -> new ConversationDetails(
                        c,
                        contacts.findById(customer, c.contactId()).orElseThrow(),
                        messages.findByConversation(customer, id)));
    }

    /** The conversation whose message carries this idempotency key; empty without a key. */
    Optional<ConversationDetails> detailsForKey(CustomerId customer, @Nullable String key) {
        return key == null
                ? Optional.empty()
                : messages.findByIdempotencyKey(customer, key).flatMap(m -> details(customer, m.conversationId()));
    }
}
