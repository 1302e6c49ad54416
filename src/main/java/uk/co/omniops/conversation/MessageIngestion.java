package uk.co.omniops.conversation;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Messages coming in and going out: a contact starting a conversation or writing again (validated, idempotent per
 * key), an agent's reply and an internal note. The contract is {@link ConversationManagement}'s, which calls this.
 */
@Service
class MessageIngestion {

    /** The longest subject taken from a first message. */
    private static final int SUBJECT_LENGTH = 80;

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s)");

    private final Conversations conversations;
    private final Messages messages;
    private final Contacts contacts;
    private final ConversationDetailsReader details;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final LiveUpdates liveUpdates;

    MessageIngestion(
            Conversations conversations,
            Messages messages,
            Contacts contacts,
            ConversationDetailsReader details,
            TenantTransactions transactions,
            ApplicationEventPublisher events,
            LiveUpdates liveUpdates) {
        this.conversations = conversations;
        this.messages = messages;
        this.contacts = contacts;
        this.details = details;
        this.transactions = transactions;
        this.events = events;
        this.liveUpdates = liveUpdates;
    }

    /** A first message, validated before any transaction. */
    private record Start(
            String text,
            String name,
            @Nullable String email,
            @Nullable String phone,
            boolean verified,
            String channel,
            @Nullable String key) {

        static Start of(NewContact contact, String text, String channel, @Nullable String idempotencyKey) {
            return new Start(
                    MessageTexts.text(text),
                    MessageTexts.name(contact.name()),
                    MessageTexts.email(contact.email()),
                    MessageTexts.phone(contact.phone()),
                    contact.verified(),
                    MessageTexts.channel(channel),
                    MessageTexts.idempotencyKey(idempotencyKey));
        }
    }

    ConversationDetails start(
            CustomerId customer, NewContact contact, String text, String channel, @Nullable String idempotencyKey) {
        var start = Start.of(contact, text, channel, idempotencyKey);
        if (start.key() != null) {
            var earlier = transactions.readInTenant(customer, () -> details.detailsForKey(customer, start.key()));
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            return transactions.inTenant(customer, () -> startInTenant(customer, start));
        } catch (AlreadyStored e) {
            // a concurrent retry stored it first; this transaction (contact, conversation) was rolled back
            return transactions
                    .readInTenant(customer, () -> details.detailsForKey(customer, start.key()))
                    .orElseThrow();
        }
    }

    private ConversationDetails startInTenant(CustomerId customer, Start start) {
        var now = Conversations.now();
        ContactId known = null;
        // a chat visitor's e-mail is unchecked: never attach them to an existing contact
        if (start.verified() && start.email() != null) {
            contacts.lockEmail(customer, start.email());
            var earlier = details.detailsForKey(customer, start.key());
            if (earlier.isPresent()) {
                return earlier.get();
            }
            known = contacts.findByEmail(customer, start.email())
                    .map(Contact::id)
                    .orElse(null);
        }
        var contactId = known != null ? known : newContact(customer, start);
        var id = ConversationId.random();
        conversations.insert(id, customer, contactId, subjectOf(start.text()), start.channel(), now);
        var message = new Message(
                MessageId.random(),
                id,
                customer,
                AuthorType.CONTACT,
                contactId.value(),
                start.name(),
                start.text(),
                false,
                now);
        if (!messages.insert(message, start.key())) {
            throw new AlreadyStored();
        }
        conversations.contactMessageAdded(customer, id, now);
        events.publishEvent(new MessageReceived(message.id(), id, customer, AuthorType.CONTACT, now));
        live(customer, LiveUpdate.Kind.CONVERSATION_STARTED, id);
        live(customer, LiveUpdate.Kind.MESSAGE_RECEIVED, id);
        return details.details(customer, id).orElseThrow();
    }

    private ContactId newContact(CustomerId customer, Start start) {
        var contactId = ContactId.random();
        contacts.insert(contactId, customer, start.name(), start.email(), start.phone(), start.verified());
        return contactId;
    }

    Message receive(CustomerId customer, ConversationId conversation, String text, @Nullable String idempotencyKey) {
        var clean = MessageTexts.text(text);
        var key = MessageTexts.idempotencyKey(idempotencyKey);
        return transactions.inTenant(customer, () -> {
            var lockedWithName = conversations
                    .lockWithContactName(customer, conversation)
                    .orElseThrow(() -> new ConversationNotFound(conversation));
            var current = lockedWithName.getKey();
            if (key != null) {
                var earlier = messages.findByIdempotencyKey(customer, key);
                if (earlier.isPresent()) {
                    return sameConversation(earlier.get(), conversation);
                }
            }
            var now = Conversations.now();
            // as a read after the insert returns it (the author name of a contact's message is the contact's name)
            var message = new Message(
                    MessageId.random(),
                    conversation,
                    customer,
                    AuthorType.CONTACT,
                    current.contactId().value(),
                    lockedWithName.getValue(),
                    clean,
                    false,
                    now);
            if (!conversations.insertContactMessage(message, key)) {
                return sameConversation(
                        messages.findByIdempotencyKey(customer, key).orElseThrow(), conversation);
            }
            events.publishEvent(new MessageReceived(message.id(), conversation, customer, AuthorType.CONTACT, now));
            live(customer, LiveUpdate.Kind.MESSAGE_RECEIVED, conversation);
            if (current.status() == ConversationStatus.RESOLVED) {
                live(customer, LiveUpdate.Kind.CONVERSATION_REOPENED, conversation);
            }
            return message;
        });
    }

    Message reply(CustomerId customer, ConversationId conversation, UUID agentId, String text) {
        var clean = MessageTexts.text(text);
        return transactions.inTenant(customer, () -> {
            conversations.locked(customer, conversation);
            conversations.requireStaff(customer, agentId);
            var now = Conversations.now();
            var message = new Message(
                    MessageId.random(), conversation, customer, AuthorType.AGENT, agentId, null, clean, false, now);
            messages.insert(message, null);
            conversations.agentMessageAdded(customer, conversation, now);
            events.publishEvent(new MessageReceived(message.id(), conversation, customer, AuthorType.AGENT, now));
            live(customer, LiveUpdate.Kind.MESSAGE_SENT, conversation);
            return messages.findById(customer, message.id()).orElseThrow();
        });
    }

    Message addNote(CustomerId customer, ConversationId conversation, UUID authorId, String text) {
        var clean = MessageTexts.text(text);
        return transactions.inTenant(customer, () -> {
            conversations.locked(customer, conversation);
            conversations.requireStaff(customer, authorId);
            var now = Conversations.now();
            var note = new Message(
                    MessageId.random(), conversation, customer, AuthorType.AGENT, authorId, null, clean, true, now);
            messages.insert(note, null);
            conversations.touched(customer, conversation, now);
            live(customer, LiveUpdate.Kind.NOTE_ADDED, conversation);
            return messages.findById(customer, note.id()).orElseThrow();
        });
    }

    private static Message sameConversation(Message earlier, ConversationId conversation) {
        if (!earlier.conversationId().equals(conversation)) {
            throw new MessageRejected("Idempotency-Key was already used for a message in another conversation");
        }
        return earlier;
    }

    private void live(CustomerId customer, LiveUpdate.Kind kind, ConversationId conversation) {
        liveUpdates.publish(LiveUpdate.of(customer.value(), kind, conversation.value()));
    }

    /**
     * A subject from a first message: its first line when short enough, else its first sentence, else the words that
     * fit, with "…" only where words were left out (never after a full stop, never inside a word).
     */
    static String subjectOf(String text) {
        var firstLine = text.strip().lines().findFirst().orElse("").strip();
        if (firstLine.length() <= SUBJECT_LENGTH) {
            return firstLine;
        }
        var sentence = SENTENCE_END.matcher(firstLine);
        if (sentence.find() && sentence.end() >= 12 && sentence.end() <= SUBJECT_LENGTH) {
            return firstLine.substring(0, sentence.end());
        }
        var cut = firstLine.lastIndexOf(' ', SUBJECT_LENGTH - 1);
        var words = (cut >= SUBJECT_LENGTH / 2
                        ? firstLine.substring(0, cut)
                        : firstLine.substring(0, SUBJECT_LENGTH - 1))
                .strip()
                .replaceAll("[\\s,;:.!?—–-]+$", "");
        return words + "…";
    }

    /** A concurrent retry with the same idempotency key stored first: roll this attempt back. */
    private static final class AlreadyStored extends RuntimeException {
        AlreadyStored() {
            super(null, null, false, false);
        }
    }
}
