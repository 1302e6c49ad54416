package uk.co.omniops.suggestion.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.suggestion.Suggestion;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Ranks, stores and learns from suggestions (the work behind {@code SuggestionManagement}); the library and knowledge
 * the suggestions come from are {@code SuggestionManagement}'s. Computing reads the
 * conversation's facts (bounded: its newest messages) from the event or through the conversation module's API, retrieves candidates from the three sources, ranks them in
 * process ({@link Ranker}) and stores the top three in one transaction; the live update {@code suggestions.ready}
 * follows after commit. An LLM draft, when configured, is added later by
 * {@link LlmDrafter} without making anyone wait.
 */
@Service
public class SuggestionService {

    static final int SHOWN = 3;

    static final LiveUpdate.Kind READY = LiveUpdate.Kind.SUGGESTIONS_READY;

    private static final Logger log = LoggerFactory.getLogger(SuggestionService.class);

    private final SuggestionStore store;
    private final LibraryStore library;
    private final TenantTransactions transactions;
    private final ConversationManagement conversations;
    private final AnalysisManagement analysis;
    private final ReplyFacts replyFacts;
    private final FeatureFlags flags;
    private final LiveUpdates liveUpdates;
    private final LlmDrafter drafter;
    private final Meanings meanings;
    private final Timer latency;
    /**
     * Latest contact messages for which nothing could be suggested, so that reading them again (every redraw of every
     * open workspace) does not compute again; per replica, the newest 10,000.
     */
    private final Set<MessageId> nothingToSuggest = java.util.Collections.newSetFromMap(
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(1_024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<MessageId, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));

    SuggestionService(
            SuggestionStore store,
            LibraryStore library,
            TenantTransactions transactions,
            ConversationManagement conversations,
            AnalysisManagement analysis,
            ReplyFacts replyFacts,
            FeatureFlags flags,
            LiveUpdates liveUpdates,
            LlmDrafter drafter,
            Meanings meanings,
            MeterRegistry meters) {
        this.store = store;
        this.library = library;
        this.meanings = meanings;
        this.transactions = transactions;
        this.conversations = conversations;
        this.analysis = analysis;
        this.replyFacts = replyFacts;
        this.flags = flags;
        this.liveUpdates = liveUpdates;
        this.drafter = drafter;
        this.latency = Timer.builder("omniops.suggestion.latency")
                .description("In-process suggestion computation")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
    }

    boolean enabled(CustomerId customer) {
        return flags.isEnabled(customer, Feature.RESPONSE_SUGGESTIONS);
    }

    // ---- computing

    /** The newest suggestions; computed now when there are none for the conversation's latest contact message. */
    public List<Suggestion> suggestions(CustomerId customer, ConversationId conversation) {
        if (!enabled(customer)) {
            return List.of();
        }
        var details = thread(customer, conversation);
        var latest = transactions.readInTenant(customer, () -> store.latestBatch(customer, conversation));
        var lastContact = lastContactMessage(details, null);
        if (lastContact.isEmpty()) {
            return latest;
        }
        if (!latest.isEmpty() && lastContact.get().id().equals(latest.getFirst().messageId())) {
            return latest;
        }
        if (nothingToSuggest.contains(lastContact.get().id())) {
            return List.of();
        }
        return compute(customer, details, lastContact.get(), null);
    }

    /** Computes afresh for the latest contact message (categories from the analysis module, when there are any). */
    public List<Suggestion> refresh(CustomerId customer, ConversationId conversation) {
        if (!enabled(customer)) {
            return List.of();
        }
        var details = thread(customer, conversation);
        return lastContactMessage(details, null)
                .map(m -> compute(customer, details, m, null))
                .orElse(List.of());
    }

    /** The conversation as suggestions need it: its facts and newest messages, one bounded read. */
    private SuggestionThread thread(CustomerId customer, ConversationId conversation) {
        return conversations
                .facts(customer, conversation)
                .map(SuggestionThread::of)
                .orElseThrow(() -> new ConversationNotFound(conversation));
    }

    /**
     * The analysis of a contact message is in: suggestions for it, with its categories, from the conversation's facts
     * the event carries (no read of the conversation). Idempotent per message.
     */
    void onAnalysed(MessageAnalysed event) {
        if (!enabled(event.customerId())) {
            return;
        }
        var details = SuggestionThread.of(event.conversation());
        var message = lastContactMessage(details, event.messageId());
        if (message.isEmpty()) {
            return;
        }
        var latest = lastContactMessage(details, null);
        if (latest.isPresent() && !latest.get().id().equals(event.messageId())) {
            return; // a newer contact message has arrived: its own analysis will bring suggestions
        }
        if (event.conversation().answeredAfter(event.messageId())) {
            return; // an agent replied before the analysis came in: nothing left to suggest for it
        }
        var categories = new LinkedHashMap<String, Double>();
        event.categories().forEach(c -> categories.merge(c.key(), c.confidence(), Math::max));
        compute(event.customerId(), details, message.get(), categories);
    }

    private List<Suggestion> compute(
            CustomerId customer,
            SuggestionThread details,
            SuggestionThread.Line message,
            @Nullable Map<String, Double> categories) {
        var started = System.nanoTime();
        var conversation = details.id();
        var cats = categories != null ? categories : categoriesOf(customer, conversation, message.id());
        var facts = replyFacts.of(customer, details, null);
        var query = queryText(details, message);
        var batch = UUID.randomUUID();
        // the message's sentence vector outside the transaction (a few ms; none with the embeddings kill switch)
        var meaning = meanings.of(query);
        var byMeaning = meaning != Ranker.Meaning.NONE;
        var ranked = transactions.inTenant(customer, () -> {
            var candidates = candidates(customer, query, conversation, byMeaning);
            var prior = Ranker.prior(store.customerStats(customer));
            var top = Ranker.rank(query, cats, candidates, prior, SHOWN, meaning);
            store.lockConversation(conversation);
            store.deleteReplaced(customer, conversation, message.id());
            if (store(customer, batch, conversation, message.id(), top, facts)) {
                nothingToSuggest.remove(message.id());
                liveUpdates.publish(LiveUpdate.of(customer.value(), READY, conversation.value()));
            } else {
                // nothing to announce: a "ready" update would make every open workspace read (and compute) again
                nothingToSuggest.add(message.id());
            }
            return top;
        });
        latency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        // a concurrent computation for the same message (API on demand vs. the event listener) may have replaced
        // this batch already: then its successor is the answer, never an empty list
        var stored = transactions.readInTenant(customer, () -> {
            var mine = store.batch(customer, batch);
            return mine.isEmpty() && !ranked.isEmpty() ? store.latestBatch(customer, conversation) : mine;
        });
        if (drafter.active()) {
            drafter.draftLater(
                    customer,
                    conversation,
                    query,
                    ranked,
                    facts,
                    (text, model) -> addDraft(customer, conversation, message.id(), batch, text, model));
        }
        return stored;
    }

    /** The library's entries, the knowledge found for the query (every snippet by meaning) and past replies. */
    private List<Ranker.Candidate> candidates(
            CustomerId customer, String query, ConversationId conversation, boolean byMeaning) {
        var candidates = new ArrayList<Ranker.Candidate>();
        for (var e : library.entries(customer, false)) {
            candidates.add(new Ranker.Candidate(
                    Suggestion.LIBRARY, e.id().toString(), e.title(), e.body(), e.categories(), e.stats(), null, ""));
        }
        var knowledge = store.searchKnowledge(customer, query, 5);
        candidates.addAll(knowledge);
        if (byMeaning) {
            // by meaning every snippet is a candidate (a customer has tens): paraphrases share no words
            var found = knowledge.stream().map(Ranker.Candidate::ref).collect(java.util.stream.Collectors.toSet());
            store.knowledgeCandidates(customer).stream()
                    .filter(k -> !found.contains(k.ref()))
                    .forEach(candidates::add);
        }
        candidates.addAll(store.searchPastReplies(customer, query, conversation, byMeaning ? 20 : 5));
        return candidates;
    }

    /** Stores the ranked suggestions as one batch, texts filled in, and counts them shown; false when there are none. */
    private boolean store(
            CustomerId customer,
            UUID batch,
            ConversationId conversation,
            MessageId message,
            List<Ranker.Ranked> top,
            VariableFiller.Facts facts) {
        int rank = 1;
        var shown = new ArrayList<SuggestionStore.Increment>();
        for (var r : top) {
            var c = r.candidate();
            var text =
                    VariableFiller.fill(c.source().equals(Suggestion.KNOWLEDGE) ? knowledgeReply(c) : c.text(), facts);
            store.insertSuggestion(
                    customer,
                    UUID.randomUUID(),
                    batch,
                    conversation,
                    message,
                    c.source(),
                    c.ref(),
                    c.title(),
                    text,
                    r.score(),
                    r.reason(),
                    rank++);
            shown.add(new SuggestionStore.Increment(c.source(), c.ref(), "shown"));
        }
        store.countAll(customer, shown);
        return !top.isEmpty();
    }

    /** Adds the LLM draft to a stored batch (rank 0, shown first) and announces it. */
    void addDraft(
            CustomerId customer,
            ConversationId conversation,
            MessageId message,
            UUID batch,
            String text,
            String model) {
        transactions.inTenant(customer, () -> {
            store.lockConversation(conversation);
            var mine = store.batch(customer, batch).stream().map(Suggestion::id).toList();
            var latest = store.latestBatch(customer, conversation);
            if (mine.isEmpty() || latest.stream().noneMatch(s -> mine.contains(s.id()))) {
                return null; // a newer batch replaced this one meanwhile: the draft would answer an old message
            }
            var id = UUID.randomUUID();
            store.insertSuggestion(
                    customer,
                    id,
                    batch,
                    conversation,
                    message,
                    Suggestion.LLM,
                    model,
                    "AI draft (" + model + ")",
                    text,
                    0.9,
                    "drafted by " + model + " from the top sources",
                    0);
            store.count(customer, Suggestion.LLM, model, "shown");
            liveUpdates.publish(LiveUpdate.of(customer.value(), READY, conversation.value()));
            return null;
        });
    }

    private Map<String, Double> categoriesOf(CustomerId customer, ConversationId conversation, MessageId message) {
        try {
            var analysed = analysis.analyses(customer, conversation).get(message);
            var out = new LinkedHashMap<String, Double>();
            if (analysed != null) {
                analysed.categories().forEach(c -> out.merge(c.key(), c.confidence(), Math::max));
            }
            return out;
        } catch (RuntimeException e) {
            log.debug("No categories for message {}: {}", message, e.toString());
            return Map.of();
        }
    }

    /** The target message, with the contact's messages just before it (since the last agent reply) for context. */
    private static String queryText(SuggestionThread details, SuggestionThread.Line message) {
        var parts = new ArrayList<String>();
        for (var m : details.lines()) {
            if (m.authorType() == AuthorType.AGENT) {
                parts.clear();
            } else if (m.authorType() == AuthorType.CONTACT) {
                parts.add(m.text());
            }
            if (m.id().equals(message.id())) {
                break;
            }
        }
        var text = String.join("\n", parts.size() > 3 ? parts.subList(parts.size() - 3, parts.size()) : parts);
        return text.isBlank() ? message.text() : text;
    }

    private static String knowledgeReply(Ranker.Candidate c) {
        return "Hi {{contact.first_name}}, " + Character.toLowerCase(c.text().charAt(0))
                + c.text().substring(1);
    }

    private static Optional<SuggestionThread.Line> lastContactMessage(
            SuggestionThread details, @Nullable MessageId id) {
        SuggestionThread.Line found = null;
        for (var m : details.lines()) {
            if (m.authorType() == AuthorType.CONTACT && (id == null || m.id().equals(id))) {
                found = m;
            }
        }
        return Optional.ofNullable(found);
    }
}
