package uk.co.omniops.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The conversation module's API. Every method takes the customer explicitly and runs under that tenant
 * (row-level security); a conversation of another customer is {@link ConversationNotFound}.
 *
 * <p>Validation ({@link MessageRejected}): text 1–10,000 characters after trimming, no control characters
 * except newline and tab. Stored messages publish {@link MessageReceived} in the same transaction; every change
 * publishes a {@code LiveUpdate} after commit.
 *
 * <p>Changes to one conversation lock its row first, so they happen one after another; idempotency keys are
 * enforced by the unique index on {@code messages (customer_id, idempotency_key)}: a retry, also a concurrent
 * one, gets the message (or conversation) stored first.
 *
 * <p>This class holds the reads; the two jobs that change data are package-private collaborators it calls:
 * {@link MessageIngestion} (start, contact messages, replies, notes: validation and idempotency) and
 * {@link ConversationChanges} (linking, assignment, status, priority, sentiment). The write methods here only
 * forward to them, against decision 019's "no forwarding" on purpose: this is the one public entry 18 classes in
 * other modules call, and splitting it would widen the module's public surface for no caller's benefit.
 */
@Service
public class ConversationManagement {

    private final MessageIngestion ingestion;
    private final ConversationChanges changes;
    private final ConversationDetailsReader details;
    private final ConversationQueries queries;
    private final InboxQueries inboxQueries;
    private final Messages messages;
    private final Contacts contacts;
    private final TenantTransactions transactions;

    ConversationManagement(
            MessageIngestion ingestion,
            ConversationChanges changes,
            ConversationDetailsReader details,
            ConversationQueries queries,
            InboxQueries inboxQueries,
            Messages messages,
            Contacts contacts,
            TenantTransactions transactions) {
        this.ingestion = ingestion;
        this.changes = changes;
        this.details = details;
        this.queries = queries;
        this.inboxQueries = inboxQueries;
        this.messages = messages;
        this.contacts = contacts;
        this.transactions = transactions;
    }

    // changes: MessageIngestion and ConversationChanges ------------------------------------------

    /** Starts a conversation with a first contact message. Idempotent per (customer, idempotencyKey). */
    public ConversationDetails start(
            CustomerId customer, NewContact contact, String text, String channel, @Nullable String idempotencyKey) {
        return ingestion.start(customer, contact, text, channel, idempotencyKey);
    }

    /** A contact's message. Idempotent per (customer, idempotencyKey); reopens a resolved conversation. */
    public Message receive(
            CustomerId customer, ConversationId conversation, String text, @Nullable String idempotencyKey) {
        return ingestion.receive(customer, conversation, text, idempotencyKey);
    }

    /** An agent's reply, visible to the contact. Sets first-response time on the first one. */
    public Message reply(CustomerId customer, ConversationId conversation, UUID agentId, String text) {
        return ingestion.reply(customer, conversation, agentId, text);
    }

    /** An internal note: staff only, never sent to the contact, publishes no MessageReceived. */
    public Message addNote(CustomerId customer, ConversationId conversation, UUID authorId, String text) {
        return ingestion.addNote(customer, conversation, authorId, text);
    }

    /**
     * An agent's decision that this conversation's unverified visitor is the known contact with the same e-mail: the
     * visitor's conversations move to that contact (with its history and VIP status) and the unverified contact goes.
     * An internal note says who linked them. Nothing happens unless the visitor is unverified and such a contact exists.
     *
     * @return the contact the conversation now belongs to
     */
    public Contact linkToKnownContact(CustomerId customer, ConversationId conversation, UUID byUser) {
        return changes.linkToKnownContact(customer, conversation, byUser);
    }

    /** Assigns (or with {@code null} unassigns). Same assignee: no change. */
    public Conversation assign(CustomerId customer, ConversationId conversation, @Nullable UUID assigneeId) {
        return changes.assign(customer, conversation, assigneeId);
    }

    /** Marks a conversation resolved; publishes ConversationResolved. Already resolved: no change. */
    public Conversation resolve(CustomerId customer, ConversationId conversation, UUID byUser) {
        return changes.resolve(customer, conversation, byUser);
    }

    /** Opens a resolved conversation again. Not resolved: no change. */
    public Conversation reopen(CustomerId customer, ConversationId conversation, UUID byUser) {
        return changes.reopen(customer, conversation, byUser);
    }

    /** Changes the priority. Same priority: no change. */
    public Conversation changePriority(CustomerId customer, ConversationId conversation, Priority priority) {
        return changes.changePriority(customer, conversation, priority);
    }

    /**
     * Stores a contact message's analysed sentiment as the conversation's latest (the inbox's sentiment column,
     * filter and "most negative first" sort) unless a newer message's sentiment is stored already; publishes
     * the {@code conversation.sentiment} live update after commit, no event. Unknown message or conversation:
     * nothing happens.
     *
     * @param score 0 (negative) … 1 (positive)
     * @param label negative, neutral or positive
     */
    public void recordSentiment(
            CustomerId customer, ConversationId conversation, MessageId message, double score, String label) {
        changes.recordSentiment(customer, conversation, message, score, label);
    }

    /**
     * {@link #recordSentiment} for several analysed messages of the customer (a batch of the analysis) in one
     * statement, in the caller's transaction when there is one; sentiments that are not a valid label and score are
     * left out. One {@code conversation.sentiment} live update per changed conversation, after commit.
     */
    public void recordSentiments(CustomerId customer, List<? extends SentimentAnalysed> analysed) {
        changes.recordSentiments(customer, analysed);
    }

    // reads -------------------------------------------------------------------------------------

    public Optional<ConversationDetails> find(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(customer, () -> details.details(customer, conversation));
    }

    /**
     * The verified contact this conversation's unverified visitor claims to be (same e-mail), if there is one: what
     * the agent may link it to after checking (issue 21, finding 2).
     */
    public Optional<Contact> knownContactClaimed(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(
                customer,
                () -> details.details(customer, conversation)
                        .map(ConversationDetails::contact)
                        .filter(c -> !c.verified() && c.email() != null)
                        .flatMap(c -> contacts.findByEmail(customer, c.email())));
    }

    /**
     * The conversation's facts for event listeners: status, priority, assignee, contact, waiting time and the newest
     * {@link ConversationFacts#RECENT} messages, in one bounded read (joins the caller's transaction when there is
     * one). Empty for an unknown conversation or another customer's.
     */
    public Optional<ConversationFacts> facts(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(
                customer,
                () -> queries.facts(
                        customer, conversation, messages.recent(customer, conversation, ConversationFacts.RECENT)));
    }

    /**
     * {@link #facts(CustomerId, ConversationId)} of several conversations (a batch of analysed messages) in two
     * statements whatever their number; unknown conversations (or another customer's) are left out.
     */
    public Map<ConversationId, ConversationFacts> facts(CustomerId customer, Collection<ConversationId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return transactions.readInTenant(
                customer,
                () -> queries.facts(customer, ids, messages.recent(customer, ids, ConversationFacts.RECENT)).stream()
                        .collect(Collectors.toMap(ConversationFacts::id, f -> f)));
    }

    /**
     * Several messages or internal notes of the customer by id, in one statement (joins the caller's transaction);
     * unknown ids (or another customer's) are left out.
     */
    public Map<MessageId, Message> messages(CustomerId customer, Collection<MessageId> ids) {
        return transactions.readInTenant(
                customer,
                () -> messages.findAll(customer, ids).stream().collect(Collectors.toMap(Message::id, m -> m)));
    }

    /** One message or internal note of the customer; empty when it does not exist (or is another customer's). */
    public Optional<Message> message(CustomerId customer, MessageId message) {
        return transactions.readInTenant(customer, () -> messages.findById(customer, message));
    }

    /**
     * Contact messages (no internal notes) of the customer created at or after {@code since}, in
     * {@code (createdAt, id)} order, after the message {@code afterCursor} (exclusive; a cursor that no longer
     * exists ends the listing), at most {@code limit} (1 to 1,000): the pages of the analysis backfill.
     */
    public List<Message> contactMessagesSince(
            CustomerId customer, Instant since, int limit, @Nullable MessageId afterCursor) {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1,000");
        }
        return transactions.readInTenant(
                customer, () -> messages.contactMessagesSince(customer, since, limit, afterCursor));
    }

    /** One page of the inbox (lazy grids call this with offset/limit). */
    public List<ConversationSummary> inbox(CustomerId customer, InboxQuery query, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        return transactions.readInTenant(
                customer, () -> inboxQueries.inbox(customer, query, offset, Math.min(limit, 500)));
    }

    public int count(CustomerId customer, InboxQuery query) {
        return transactions.readInTenant(customer, () -> inboxQueries.count(customer, query));
    }

    /** How many conversations (any status) the customer has with this contact; 0 for another customer's contact. */
    public int conversationsOfContact(CustomerId customer, ContactId contact) {
        return transactions.readInTenant(customer, () -> queries.countOfContact(customer, contact));
    }

    /** Counts for the filter chips: MINE, UNASSIGNED, ALL (open + pending). */
    public Map<InboxQuery.Scope, Integer> scopeCounts(CustomerId customer, UUID viewer) {
        return openCounts(customer).forViewer(viewer);
    }

    /** Open and pending conversations by assignee: every agent's chips from one read. */
    public OpenCounts openCounts(CustomerId customer) {
        return transactions.readInTenant(customer, () -> inboxQueries.openCounts(customer));
    }

    /**
     * Conversations changed since a point in time (null: all), most recently changed first; for the API.
     *
     * @param page from 0
     * @param size 1 to 100
     */
    public ConversationPage list(
            CustomerId customer, @Nullable ConversationStatus status, @Nullable Instant since, int page, int size) {
        if (page < 0 || size < 1 || size > 100) {
            throw new IllegalArgumentException("page must be 0 or more and size 1 to 100");
        }
        return transactions.readInTenant(
                customer,
                () -> new ConversationPage(
                        queries.page(customer, status, since, Math.multiplyExact(page, size), size),
                        page,
                        size,
                        queries.countPage(customer, status, since)));
    }

    /**
     * The customer's resolved conversations with when they were resolved, most recently resolved first, resolved at
     * or after {@code since} (null: any time), at most {@code limit} (1 to 100,000): what an index of past
     * conversations loads.
     */
    public Map<ConversationId, Instant> resolvedSince(CustomerId customer, @Nullable Instant since, int limit) {
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("limit must be 1 to 100,000");
        }
        return transactions.readInTenant(customer, () -> queries.resolvedSince(customer, since, limit));
    }
}
