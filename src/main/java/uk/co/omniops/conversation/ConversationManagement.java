package uk.co.omniops.conversation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import uk.co.omniops.tenancy.CustomerId;

/**
 * The conversation module's API. Every method takes the customer explicitly and runs under that tenant
 * (row-level security); a conversation of another customer is {@link ConversationNotFound}.
 *
 * <p>Validation ({@link MessageRejected}): text 1–10,000 characters after trimming, no control characters
 * except newline and tab. Stored messages publish {@link MessageReceived} in the same transaction; every change
 * publishes a {@code LiveUpdate} after commit.
 */
@Service
public class ConversationManagement {

    // CONTRACT — bodies are implemented by the conversation back-end work (issue 3).

    /** Starts a conversation with a first contact message. Idempotent per (customer, idempotencyKey). */
    public ConversationDetails start(CustomerId customer, NewContact contact, String text, String channel,
            @Nullable String idempotencyKey) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** A contact's message. Idempotent per (customer, idempotencyKey); reopens a resolved conversation. */
    public Message receive(CustomerId customer, ConversationId conversation, String text, @Nullable String idempotencyKey) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** An agent's reply, visible to the contact. Sets first-response time on the first one. */
    public Message reply(CustomerId customer, ConversationId conversation, UUID agentId, String text) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** An internal note: staff only, never sent to the contact, publishes no MessageReceived. */
    public Message addNote(CustomerId customer, ConversationId conversation, UUID authorId, String text) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Assigns (or with {@code null} unassigns); publishes ConversationAssigned. */
    public Conversation assign(CustomerId customer, ConversationId conversation, @Nullable UUID assigneeId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Conversation resolve(CustomerId customer, ConversationId conversation, UUID byUser) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Conversation reopen(CustomerId customer, ConversationId conversation, UUID byUser) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Conversation changePriority(CustomerId customer, ConversationId conversation, Priority priority) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Optional<ConversationDetails> find(CustomerId customer, ConversationId conversation) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** One page of the inbox (lazy grids call this with offset/limit). */
    public List<ConversationSummary> inbox(CustomerId customer, InboxQuery query, int offset, int limit) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public int count(CustomerId customer, InboxQuery query) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Counts for the filter chips: MINE, UNASSIGNED, ALL (open + pending). */
    public Map<InboxQuery.Scope, Integer> scopeCounts(CustomerId customer, UUID viewer) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
