package uk.co.omniops.suggestion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.suggestion.internal.LibraryStore;
import uk.co.omniops.suggestion.internal.SuggestionService;
import uk.co.omniops.suggestion.internal.SuggestionStore;
import uk.co.omniops.suggestion.internal.VariableFiller;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The suggestion module's API. Every method takes the customer explicitly and runs under that tenant (row-level
 * security). With {@code response-suggestions} off for the customer, suggestion methods return empty lists and
 * nothing is computed; the library can still be managed. The library, knowledge and proposals (what suggestions are
 * drawn from, as people curate it, validated here), an agent's insertion and the figures are this class's own;
 * ranking and drafting are {@code internal.SuggestionService}'s (it keeps per-replica state: what had nothing to
 * suggest), learning from agents' replies {@code internal.SuggestionFeedback}'s (event side).
 *
 * @see <a href="../../../../../../docs/decisions/006-suggestion-ranking.md">decision 006</a>
 */
@Service
public class SuggestionManagement {

    /** A proposal is listed once agents sent (nearly) the same edited reply this many times. */
    static final int PROPOSAL_THRESHOLD = 3;

    private static final Pattern CATEGORY_KEY = Pattern.compile("[a-z0-9_]{1,40}");

    private final SuggestionService service;
    private final SuggestionStore store;
    private final LibraryStore library;
    private final TenantTransactions transactions;
    private final FeatureFlags flags;
    private final TenancyManagement tenancy;

    SuggestionManagement(
            SuggestionService service,
            SuggestionStore store,
            LibraryStore library,
            TenantTransactions transactions,
            FeatureFlags flags,
            TenancyManagement tenancy) {
        this.service = service;
        this.store = store;
        this.library = library;
        this.transactions = transactions;
        this.flags = flags;
        this.tenancy = tenancy;
    }

    /** Whether the feature is on for the customer (the panel hides itself when not). */
    public boolean enabled(CustomerId customer) {
        return flags.isEnabled(customer, Feature.RESPONSE_SUGGESTIONS);
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
        var agent = tenancy.displayName(customer, agentId);
        return transactions.inTenant(customer, () -> {
            var s = store.find(customer, suggestionId).orElseThrow(() -> new SuggestionRejected("no such suggestion"));
            store.markInserted(customer, s, agentId);
            return agent.map(name -> VariableFiller.signedBy(s.text(), name)).orElse(s.text());
        });
    }

    // ---- reply library and knowledge (supervisors)

    /** The customer's reply library, with retired entries when asked. */
    public List<ReplyEntry> library(CustomerId customer, boolean withRetired) {
        return transactions.readInTenant(customer, () -> library.entries(customer, withRetired));
    }

    /** @throws SuggestionRejected for invalid input (message fit for the user) */
    public ReplyEntry createEntry(CustomerId customer, ReplyDraft draft, String by) {
        var clean = validate(draft, 120, 4000);
        var id = UUID.randomUUID();
        transactions.inTenant(customer, () -> {
            library.insertEntry(customer, id, clean.title(), clean.body(), clean.categories(), by);
            return null;
        });
        return entry(customer, id);
    }

    public ReplyEntry updateEntry(CustomerId customer, UUID id, ReplyDraft draft) {
        var clean = validate(draft, 120, 4000);
        if (!transactions.inTenant(
                customer, () -> library.updateEntry(customer, id, clean.title(), clean.body(), clean.categories()))) {
            throw new SuggestionRejected("no such library entry");
        }
        return entry(customer, id);
    }

    /** Retired entries are never suggested; their figures stay. */
    public void retireEntry(CustomerId customer, UUID id, boolean retired) {
        if (!transactions.inTenant(customer, () -> library.retireEntry(customer, id, retired))) {
            throw new SuggestionRejected("no such library entry");
        }
    }

    private ReplyEntry entry(CustomerId customer, UUID id) {
        return library(customer, true).stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new SuggestionRejected("no such library entry"));
    }

    public List<KnowledgeSnippet> knowledge(CustomerId customer) {
        return transactions.readInTenant(customer, () -> library.snippets(customer));
    }

    public KnowledgeSnippet createSnippet(CustomerId customer, ReplyDraft draft) {
        var clean = validate(draft, 160, 8000);
        var id = UUID.randomUUID();
        transactions.inTenant(customer, () -> {
            library.insertSnippet(customer, id, clean.title(), clean.body(), clean.categories());
            return null;
        });
        return knowledge(customer).stream()
                .filter(k -> k.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    public KnowledgeSnippet updateSnippet(CustomerId customer, UUID id, ReplyDraft draft) {
        var clean = validate(draft, 160, 8000);
        if (!transactions.inTenant(
                customer, () -> library.updateSnippet(customer, id, clean.title(), clean.body(), clean.categories()))) {
            throw new SuggestionRejected("no such knowledge snippet");
        }
        return knowledge(customer).stream()
                .filter(k -> k.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    public void retireSnippet(CustomerId customer, UUID id, boolean retired) {
        if (!transactions.inTenant(customer, () -> library.retireSnippet(customer, id, retired))) {
            throw new SuggestionRejected("no such knowledge snippet");
        }
    }

    /** Edited replies agents sent at least three times in a similar form, most frequent first. */
    public List<ReplyProposal> proposals(CustomerId customer) {
        return transactions.readInTenant(customer, () -> library.proposals(customer, PROPOSAL_THRESHOLD));
    }

    /** Turns a proposal into a library entry (categories of the edited entry, if it came from one). */
    public ReplyEntry acceptProposal(CustomerId customer, UUID proposalId, String by) {
        var proposal = proposals(customer).stream()
                .filter(p -> p.id().equals(proposalId))
                .findFirst()
                .orElseThrow(() -> new SuggestionRejected("no such proposal"));
        var categories = proposal.sourceRef() == null
                ? List.<String>of()
                : transactions
                        .readInTenant(customer, () -> library.entryCategories(customer, proposal.sourceRef()))
                        .orElse(List.of());
        var title = SuggestionStore.abbreviate(proposal.title(), 120);
        var entry = createEntry(customer, new ReplyDraft(title, proposal.text(), categories), by);
        transactions.inTenant(customer, () -> library.closeProposal(customer, proposalId, "accepted"));
        return entry;
    }

    public void dismissProposal(CustomerId customer, UUID proposalId) {
        if (!transactions.inTenant(customer, () -> library.closeProposal(customer, proposalId, "dismissed"))) {
            throw new SuggestionRejected("no such proposal");
        }
    }

    /**
     * The module's seeding hook: a library and knowledge base once (when the customer has no library entry at all),
     * validated like any other entry.
     */
    public boolean seed(CustomerId customer, List<ReplyDraft> replies, List<ReplyDraft> knowledge) {
        return transactions.inTenant(customer, () -> {
            if (this.library.countEntries(customer) > 0) {
                return false;
            }
            for (var d : replies) {
                var c = validate(d, 120, 4000);
                this.library.insertEntry(customer, UUID.randomUUID(), c.title(), c.body(), c.categories(), "seed");
            }
            for (var d : knowledge) {
                var c = validate(d, 160, 8000);
                this.library.insertSnippet(customer, UUID.randomUUID(), c.title(), c.body(), c.categories());
            }
            return true;
        });
    }

    private static ReplyDraft validate(ReplyDraft draft, int maxTitle, int maxBody) {
        var title = draft.title() == null ? "" : draft.title().strip();
        var body = draft.body() == null ? "" : draft.body().strip();
        if (title.isEmpty() || title.length() > maxTitle) {
            throw new SuggestionRejected("Title must be 1 to " + maxTitle + " characters");
        }
        if (body.isEmpty() || body.length() > maxBody) {
            throw new SuggestionRejected("Text must be 1 to " + maxBody + " characters");
        }
        var categories = new ArrayList<String>();
        for (var c : draft.categories() == null ? List.<String>of() : draft.categories()) {
            var key = c.strip().toLowerCase(Locale.ROOT);
            if (!CATEGORY_KEY.matcher(key).matches()) {
                throw new SuggestionRejected("Category keys are lower case letters, digits and _: " + c);
            }
            if (!categories.contains(key)) {
                categories.add(key);
            }
        }
        var unknown = unknownVariables(body);
        if (!unknown.isEmpty()) {
            throw new SuggestionRejected("Unknown variable " + unknown.getFirst() + "; use one of "
                    + String.join(
                            ", ",
                            VariableFiller.variables().stream()
                                    .sorted()
                                    .map(k -> "{{" + k + "}}")
                                    .toList()));
        }
        return new ReplyDraft(title, body, List.copyOf(categories));
    }

    private static List<String> unknownVariables(String body) {
        var m = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}").matcher(body);
        var out = new ArrayList<String>();
        while (m.find()) {
            if (!VariableFiller.variables().contains(m.group(1).toLowerCase(Locale.ROOT))) {
                out.add("{{" + m.group(1) + "}}");
            }
        }
        return out;
    }

    // ---- figures

    /** All suggestions of the customer (LLM drafts excluded; see {@link #stats(CustomerId, String)}). */
    public SourceStats stats(CustomerId customer) {
        return transactions.readInTenant(customer, () -> store.customerStats(customer));
    }

    /** @param source {@code library}, {@code knowledge}, {@code past_reply} or {@code llm} */
    public SourceStats stats(CustomerId customer, String source) {
        return transactions.readInTenant(customer, () -> store.sourceStats(customer, source));
    }
}
