package uk.co.omniops.conversation;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Changes to a conversation other than its messages: linking a chat visitor to the known contact, assignment,
 * status, priority and the latest sentiment. Each locks the conversation first; a change to the same value does
 * nothing. The contract is {@link ConversationManagement}'s, which calls this.
 */
@Service
class ConversationChanges {

    private final Conversations conversations;
    private final Messages messages;
    private final Contacts contacts;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final LiveUpdates liveUpdates;

    ConversationChanges(
            Conversations conversations,
            Messages messages,
            Contacts contacts,
            TenantTransactions transactions,
            ApplicationEventPublisher events,
            LiveUpdates liveUpdates) {
        this.conversations = conversations;
        this.messages = messages;
        this.contacts = contacts;
        this.transactions = transactions;
        this.events = events;
        this.liveUpdates = liveUpdates;
    }

    Contact linkToKnownContact(CustomerId customer, ConversationId conversation, UUID byUser) {
        return transactions.inTenant(customer, () -> {
            var current = conversations.locked(customer, conversation);
            conversations.requireStaff(customer, byUser);
            var visitor = contacts.findById(customer, current.contactId()).orElseThrow();
            if (visitor.verified() || visitor.email() == null) {
                return visitor;
            }
            var found = contacts.findByEmail(customer, visitor.email());
            if (found.isEmpty()) {
                return visitor;
            }
            var known = found.get();
            contacts.mergeInto(customer, visitor.id(), known.id());
            var now = Conversations.now();
            var note = new Message(
                    MessageId.random(),
                    conversation,
                    customer,
                    AuthorType.AGENT,
                    byUser,
                    null,
                    "Linked the chat visitor \"" + visitor.name() + "\" to the known contact " + known.name() + " ("
                            + known.email() + ") after checking who they are.",
                    true,
                    now);
            messages.insert(note, null);
            conversations.touched(customer, conversation, now);
            live(customer, LiveUpdate.Kind.NOTE_ADDED, conversation);
            return known;
        });
    }

    Conversation assign(CustomerId customer, ConversationId conversation, @Nullable UUID assigneeId) {
        return transactions.inTenant(customer, () -> {
            var current = conversations.locked(customer, conversation);
            if (Objects.equals(current.assigneeId(), assigneeId)) {
                return current;
            }
            if (assigneeId != null) {
                conversations.requireStaff(customer, assigneeId);
            }
            conversations.assign(customer, conversation, assigneeId, Conversations.now());
            live(customer, LiveUpdate.Kind.CONVERSATION_ASSIGNED, conversation);
            return conversations.findById(customer, conversation).orElseThrow();
        });
    }

    Conversation resolve(CustomerId customer, ConversationId conversation, UUID byUser) {
        return transactions.inTenant(customer, () -> {
            var current = conversations.locked(customer, conversation);
            if (current.status() == ConversationStatus.RESOLVED) {
                return current;
            }
            conversations.requireStaff(customer, byUser);
            var now = Conversations.now();
            conversations.resolve(customer, conversation, now);
            events.publishEvent(new ConversationResolved(conversation, customer, now, byUser));
            live(customer, LiveUpdate.Kind.CONVERSATION_RESOLVED, conversation);
            return conversations.findById(customer, conversation).orElseThrow();
        });
    }

    Conversation reopen(CustomerId customer, ConversationId conversation, UUID byUser) {
        return transactions.inTenant(customer, () -> {
            var current = conversations.locked(customer, conversation);
            if (current.status() != ConversationStatus.RESOLVED) {
                return current;
            }
            conversations.requireStaff(customer, byUser);
            conversations.reopen(customer, conversation, Conversations.now());
            live(customer, LiveUpdate.Kind.CONVERSATION_REOPENED, conversation);
            return conversations.findById(customer, conversation).orElseThrow();
        });
    }

    Conversation changePriority(CustomerId customer, ConversationId conversation, Priority priority) {
        return transactions.inTenant(customer, () -> {
            var current = conversations.locked(customer, conversation);
            if (current.priority() == priority) {
                return current;
            }
            conversations.changePriority(customer, conversation, priority, Conversations.now());
            live(customer, LiveUpdate.Kind.CONVERSATION_PRIORITY, conversation);
            return conversations.findById(customer, conversation).orElseThrow();
        });
    }

    void recordSentiment(
            CustomerId customer, ConversationId conversation, MessageId message, double score, String label) {
        if (!InboxQuery.SENTIMENT_LABELS.contains(label)) {
            throw new IllegalArgumentException("label must be negative, neutral or positive");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be 0 to 1");
        }
        var changed = transactions.inTenant(
                customer, () -> conversations.recordSentiment(customer, conversation, message, score, label));
        if (changed) {
            live(customer, LiveUpdate.Kind.CONVERSATION_SENTIMENT, conversation);
        }
    }

    void recordSentiments(CustomerId customer, List<? extends SentimentAnalysed> analysed) {
        var valid = analysed.stream()
                .filter(s -> s.customerId().equals(customer)
                        && s.sentimentScore() != null
                        && s.sentimentLabel() != null
                        && InboxQuery.SENTIMENT_LABELS.contains(s.sentimentLabel())
                        && s.sentimentScore() >= 0
                        && s.sentimentScore() <= 1)
                .map(s -> new Conversations.AnalysedSentiment(
                        s.conversationId(),
                        s.messageId(),
                        Objects.requireNonNull(s.sentimentScore()),
                        Objects.requireNonNull(s.sentimentLabel())))
                .toList();
        if (valid.isEmpty()) {
            return;
        }
        var changed = transactions.inTenant(customer, () -> conversations.recordSentiments(customer, valid));
        changed.forEach(conversation -> live(customer, LiveUpdate.Kind.CONVERSATION_SENTIMENT, conversation));
    }

    private void live(CustomerId customer, LiveUpdate.Kind kind, ConversationId conversation) {
        liveUpdates.publish(LiveUpdate.of(customer.value(), kind, conversation.value()));
    }
}
