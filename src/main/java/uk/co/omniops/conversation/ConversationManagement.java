package uk.co.omniops.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
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
 */
@Service
public class ConversationManagement {

    /** The longest subject taken from a first message. */
    private static final int SUBJECT_LENGTH = 80;

    private final Conversations conversations;
    private final Messages messages;
    private final Contacts contacts;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final LiveUpdates liveUpdates;

    ConversationManagement(
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

    /** Starts a conversation with a first contact message. Idempotent per (customer, idempotencyKey). */
    public ConversationDetails start(
            CustomerId customer, NewContact contact, String text, String channel, @Nullable String idempotencyKey) {
        var clean = MessageTexts.text(text);
        var name = MessageTexts.name(contact.name());
        var email = MessageTexts.email(contact.email());
        var phone = MessageTexts.phone(contact.phone());
        var validChannel = MessageTexts.channel(channel);
        var key = MessageTexts.idempotencyKey(idempotencyKey);
        if (key != null) {
            var earlier = transactions.readInTenant(customer, () -> detailsForKey(customer, key));
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            return transactions.inTenant(customer, () -> {
                var now = now();
                ContactId contactId;
                if (!contact.verified()) {
                    // a chat visitor's e-mail is unchecked: never attach them to an existing contact
                    contactId = null;
                } else if (email != null) {
                    contacts.lockEmail(customer, email);
                    if (key != null) {
                        var earlier = detailsForKey(customer, key);
                        if (earlier.isPresent()) {
                            return earlier.get();
                        }
                    }
                    contactId = contacts.findByEmail(customer, email)
                            .map(Contact::id)
                            .orElse(null);
                } else {
                    contactId = null;
                }
                if (contactId == null) {
                    contactId = ContactId.random();
                    contacts.insert(contactId, customer, name, email, phone, contact.verified());
                }
                var id = ConversationId.random();
                conversations.insert(id, customer, contactId, subjectOf(clean), validChannel, now);
                var message = new Message(
                        MessageId.random(),
                        id,
                        customer,
                        AuthorType.CONTACT,
                        contactId.value(),
                        name,
                        clean,
                        false,
                        now);
                if (!messages.insert(message, key)) {
                    throw new AlreadyStored();
                }
                conversations.contactMessageAdded(customer, id, now);
                events.publishEvent(new MessageReceived(message.id(), id, customer, AuthorType.CONTACT, now));
                live(customer, LiveUpdate.Kind.CONVERSATION_STARTED, id);
                live(customer, LiveUpdate.Kind.MESSAGE_RECEIVED, id);
                return details(customer, id).orElseThrow();
            });
        } catch (AlreadyStored e) {
            // a concurrent retry stored it first; this transaction (contact, conversation) was rolled back
            return transactions
                    .readInTenant(customer, () -> detailsForKey(customer, key))
                    .orElseThrow();
        }
    }

    /** A contact's message. Idempotent per (customer, idempotencyKey); reopens a resolved conversation. */
    public Message receive(
            CustomerId customer, ConversationId conversation, String text, @Nullable String idempotencyKey) {
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
            var now = now();
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

    /** An agent's reply, visible to the contact. Sets first-response time on the first one. */
    public Message reply(CustomerId customer, ConversationId conversation, UUID agentId, String text) {
        var clean = MessageTexts.text(text);
        return transactions.inTenant(customer, () -> {
            locked(customer, conversation);
            requireStaff(customer, agentId);
            var now = now();
            var message = new Message(
                    MessageId.random(), conversation, customer, AuthorType.AGENT, agentId, null, clean, false, now);
            messages.insert(message, null);
            conversations.agentMessageAdded(customer, conversation, now);
            events.publishEvent(new MessageReceived(message.id(), conversation, customer, AuthorType.AGENT, now));
            live(customer, LiveUpdate.Kind.MESSAGE_SENT, conversation);
            return messages.findById(customer, message.id()).orElseThrow();
        });
    }

    /** An internal note: staff only, never sent to the contact, publishes no MessageReceived. */
    public Message addNote(CustomerId customer, ConversationId conversation, UUID authorId, String text) {
        var clean = MessageTexts.text(text);
        return transactions.inTenant(customer, () -> {
            locked(customer, conversation);
            requireStaff(customer, authorId);
            var now = now();
            var note = new Message(
                    MessageId.random(), conversation, customer, AuthorType.AGENT, authorId, null, clean, true, now);
            messages.insert(note, null);
            conversations.touched(customer, conversation, now);
            live(customer, LiveUpdate.Kind.NOTE_ADDED, conversation);
            return messages.findById(customer, note.id()).orElseThrow();
        });
    }

    /**
     * The verified contact this conversation's unverified visitor claims to be (same e-mail), if there is one: what
     * the agent may link it to after checking (issue 21, finding 2).
     */
    public Optional<Contact> knownContactClaimed(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(
                customer,
                () -> details(customer, conversation)
                        .map(ConversationDetails::contact)
                        .filter(c -> !c.verified() && c.email() != null)
                        .flatMap(c -> contacts.findByEmail(customer, c.email())));
    }

    /**
     * An agent's decision that this conversation's unverified visitor is the known contact with the same e-mail: the
     * visitor's conversations move to that contact (with its history and VIP status) and the unverified contact goes.
     * An internal note says who linked them. Nothing happens unless the visitor is unverified and such a contact exists.
     *
     * @return the contact the conversation now belongs to
     */
    public Contact linkToKnownContact(CustomerId customer, ConversationId conversation, UUID byUser) {
        return transactions.inTenant(customer, () -> {
            var current = locked(customer, conversation);
            requireStaff(customer, byUser);
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
            var now = now();
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

    /** Assigns (or with {@code null} unassigns). Same assignee: no change. */
    public Conversation assign(CustomerId customer, ConversationId conversation, @Nullable UUID assigneeId) {
        return transactions.inTenant(customer, () -> {
            var current = locked(customer, conversation);
            if (java.util.Objects.equals(current.assigneeId(), assigneeId)) {
                return current;
            }
            if (assigneeId != null) {
                requireStaff(customer, assigneeId);
            }
            conversations.assign(customer, conversation, assigneeId, now());
            live(customer, LiveUpdate.Kind.CONVERSATION_ASSIGNED, conversation);
            return conversations.findById(customer, conversation).orElseThrow();
        });
    }

    /** Marks a conversation resolved; publishes ConversationResolved. Already resolved: no change. */
    public Conversation resolve(CustomerId customer, ConversationId conversation, UUID byUser) {
        return transactions.inTenant(customer, () -> {
            var current = locked(customer, conversation);
            if (current.status() == ConversationStatus.RESOLVED) {
                return current;
            }
            requireStaff(customer, byUser);
            var now = now();
            conversations.resolve(customer, conversation, now);
            events.publishEvent(new ConversationResolved(conversation, customer, now, byUser));
            live(customer, LiveUpdate.Kind.CONVERSATION_RESOLVED, conversation);
            return conversations.findById(customer, conversation).orElseThrow();
        });
    }

    /** Opens a resolved conversation again. Not resolved: no change. */
    public Conversation reopen(CustomerId customer, ConversationId conversation, UUID byUser) {
        return transactions.inTenant(customer, () -> {
            var current = locked(customer, conversation);
            if (current.status() != ConversationStatus.RESOLVED) {
                return current;
            }
            requireStaff(customer, byUser);
            conversations.reopen(customer, conversation, now());
            live(customer, LiveUpdate.Kind.CONVERSATION_REOPENED, conversation);
            return conversations.findById(customer, conversation).orElseThrow();
        });
    }

    public Conversation changePriority(CustomerId customer, ConversationId conversation, Priority priority) {
        return transactions.inTenant(customer, () -> {
            var current = locked(customer, conversation);
            if (current.priority() == priority) {
                return current;
            }
            conversations.changePriority(customer, conversation, priority, now());
            live(customer, LiveUpdate.Kind.CONVERSATION_PRIORITY, conversation);
            return conversations.findById(customer, conversation).orElseThrow();
        });
    }

    public Optional<ConversationDetails> find(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(customer, () -> details(customer, conversation));
    }

    /**
     * The conversation's facts for event listeners: status, priority, assignee, contact, waiting time and the newest
     * {@link ConversationFacts#RECENT} messages, in one bounded read (joins the caller's transaction when there is
     * one). Empty for an unknown conversation or another customer's.
     */
    public Optional<ConversationFacts> facts(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(
                customer,
                () -> conversations.facts(
                        customer, conversation, messages.recent(customer, conversation, ConversationFacts.RECENT)));
    }

    /**
     * {@link #facts(CustomerId, ConversationId)} of several conversations (a batch of analysed messages) in two
     * statements whatever their number; unknown conversations (or another customer's) are left out.
     */
    public java.util.Map<ConversationId, ConversationFacts> facts(
            CustomerId customer, java.util.Collection<ConversationId> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return transactions.readInTenant(
                customer,
                () ->
                        conversations
                                .facts(customer, ids, messages.recent(customer, ids, ConversationFacts.RECENT))
                                .stream()
                                .collect(java.util.stream.Collectors.toMap(ConversationFacts::id, f -> f)));
    }

    /**
     * Several messages or internal notes of the customer by id, in one statement (joins the caller's transaction);
     * unknown ids (or another customer's) are left out.
     */
    public java.util.Map<MessageId, Message> messages(CustomerId customer, java.util.Collection<MessageId> ids) {
        return transactions.readInTenant(
                customer,
                () -> messages.findAll(customer, ids).stream()
                        .collect(java.util.stream.Collectors.toMap(Message::id, m -> m)));
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

    /**
     * {@link #recordSentiment} for several analysed messages of the customer (a batch of the analysis) in one
     * statement, in the caller's transaction when there is one; sentiments that are not a valid label and score are
     * left out. One {@code conversation.sentiment} live update per changed conversation, after commit.
     */
    public void recordSentiments(CustomerId customer, List<? extends SentimentAnalysed> analysed) {
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
                        java.util.Objects.requireNonNull(s.sentimentScore()),
                        java.util.Objects.requireNonNull(s.sentimentLabel())))
                .toList();
        if (valid.isEmpty()) {
            return;
        }
        var changed = transactions.inTenant(customer, () -> conversations.recordSentiments(customer, valid));
        changed.forEach(conversation -> live(customer, LiveUpdate.Kind.CONVERSATION_SENTIMENT, conversation));
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
                customer, () -> conversations.inbox(customer, query, offset, Math.min(limit, 500)));
    }

    public int count(CustomerId customer, InboxQuery query) {
        return transactions.readInTenant(customer, () -> conversations.count(customer, query));
    }

    /** How many conversations (any status) the customer has with this contact; 0 for another customer's contact. */
    public int conversationsOfContact(CustomerId customer, ContactId contact) {
        return transactions.readInTenant(customer, () -> conversations.countOfContact(customer, contact));
    }

    /** Counts for the filter chips: MINE, UNASSIGNED, ALL (open + pending). */
    public Map<InboxQuery.Scope, Integer> scopeCounts(CustomerId customer, UUID viewer) {
        return openCounts(customer).forViewer(viewer);
    }

    /** Open and pending conversations by assignee: every agent's chips from one read. */
    public OpenCounts openCounts(CustomerId customer) {
        return transactions.readInTenant(customer, () -> conversations.openCounts(customer));
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
                        conversations.page(customer, status, since, Math.multiplyExact(page, size), size),
                        page,
                        size,
                        conversations.countPage(customer, status, since)));
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
        return transactions.readInTenant(customer, () -> conversations.resolvedSince(customer, since, limit));
    }

    private Conversation locked(CustomerId customer, ConversationId conversation) {
        return conversations.lock(customer, conversation).orElseThrow(() -> new ConversationNotFound(conversation));
    }

    private void requireStaff(CustomerId customer, UUID userId) {
        if (!conversations.isStaff(customer, userId)) {
            throw new IllegalArgumentException("user " + userId + " is not a user of this customer");
        }
    }

    private Optional<ConversationDetails> details(CustomerId customer, ConversationId id) {
        return conversations
                .findById(customer, id)
                .map(c -> new ConversationDetails(
                        c,
                        contacts.findById(customer, c.contactId()).orElseThrow(),
                        messages.findByConversation(customer, id)));
    }

    private Optional<ConversationDetails> detailsForKey(CustomerId customer, @Nullable String key) {
        return key == null
                ? Optional.empty()
                : messages.findByIdempotencyKey(customer, key).flatMap(m -> details(customer, m.conversationId()));
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
        var sentence = java.util.regex.Pattern.compile("[.!?](?=\\s)").matcher(firstLine);
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

    /** Microseconds: what PostgreSQL stores, so returned objects equal what a later read gives. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A concurrent retry with the same idempotency key stored first: roll this attempt back. */
    private static final class AlreadyStored extends RuntimeException {
        AlreadyStored() {
            super(null, null, false, false);
        }
    }
}
