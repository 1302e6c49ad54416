package uk.co.omniops.suggestion;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.suggestion.internal.ReplyLibrary;
import uk.co.omniops.suggestion.internal.SuggestionService;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The suggestion module's API. Every method takes the customer explicitly and runs under that tenant (row-level
 * security). With {@code response-suggestions} off for the customer, suggestion methods return empty lists and
 * nothing is computed; the library can still be managed.
 *
 * @see <a href="../../../../../../docs/decisions/006-suggestion-ranking.md">decision 006</a>
 */
@Service
public class SuggestionManagement {

    private final SuggestionService service;
    private final ReplyLibrary library;

    SuggestionManagement(SuggestionService service, ReplyLibrary library) {
        this.service = service;
        this.library = library;
    }

    /** Whether the feature is on for the customer (the panel hides itself when not). */
    public boolean enabled(CustomerId customer) {
        return service.enabled(customer);
    }

    /**
     * The latest suggestions for a conversation, best first (an LLM draft, when there is one, first); computed on
     * demand when none exist yet for its latest contact message. Never null.
     *
     * @throws uk.co.omniops.conversation.ConversationNotFound for an unknown or another customer's conversation
     */
    public List<Suggestion> suggestions(CustomerId customer, ConversationId conversation) {
        return service.suggestions(customer, conversation);
    }

    /** Computes new suggestions for the conversation's latest contact message now. */
    public List<Suggestion> refresh(CustomerId customer, ConversationId conversation) {
        return service.refresh(customer, conversation);
    }

    /**
     * An agent put a suggestion into the composer. When the agent's next reply arrives it is compared with this
     * suggestion: accepted (same text), edited (Levenshtein distance recorded) or ignored.
     *
     * @return the text to insert, with the agent's own name filled in
     * @throws SuggestionRejected for an unknown suggestion
     */
    public String inserted(CustomerId customer, UUID suggestionId, UUID agentId) {
        return service.inserted(customer, suggestionId, agentId);
    }

    // ---- reply library (supervisors)

    public List<ReplyEntry> library(CustomerId customer, boolean withRetired) {
        return library.library(customer, withRetired);
    }

    /** @throws SuggestionRejected for invalid input (message fit for the user) */
    public ReplyEntry createEntry(CustomerId customer, ReplyDraft draft, String createdBy) {
        return library.createEntry(customer, draft, createdBy);
    }

    public ReplyEntry updateEntry(CustomerId customer, UUID id, ReplyDraft draft) {
        return library.updateEntry(customer, id, draft);
    }

    /** Retired entries are never suggested; their figures stay. */
    public void retireEntry(CustomerId customer, UUID id, boolean retired) {
        library.retireEntry(customer, id, retired);
    }

    public List<KnowledgeSnippet> knowledge(CustomerId customer) {
        return library.knowledge(customer);
    }

    public KnowledgeSnippet createSnippet(CustomerId customer, ReplyDraft draft) {
        return library.createSnippet(customer, draft);
    }

    public KnowledgeSnippet updateSnippet(CustomerId customer, UUID id, ReplyDraft draft) {
        return library.updateSnippet(customer, id, draft);
    }

    public void retireSnippet(CustomerId customer, UUID id, boolean retired) {
        library.retireSnippet(customer, id, retired);
    }

    /** Edited replies agents sent at least three times in a similar form, most frequent first. */
    public List<ReplyProposal> proposals(CustomerId customer) {
        return library.proposals(customer);
    }

    public ReplyEntry acceptProposal(CustomerId customer, UUID proposalId, String acceptedBy) {
        return library.acceptProposal(customer, proposalId, acceptedBy);
    }

    public void dismissProposal(CustomerId customer, UUID proposalId) {
        library.dismissProposal(customer, proposalId);
    }

    // ---- figures

    /** All suggestions of the customer (LLM drafts excluded; see {@link #stats(CustomerId, String)}). */
    public SourceStats stats(CustomerId customer) {
        return service.stats(customer);
    }

    /** @param source {@code library}, {@code knowledge}, {@code past_reply} or {@code llm} */
    public SourceStats stats(CustomerId customer, String source) {
        return service.stats(customer, source);
    }
}
