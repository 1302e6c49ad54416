package uk.co.omniops.suggestion.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import uk.co.omniops.suggestion.KnowledgeSnippet;
import uk.co.omniops.suggestion.ReplyDraft;
import uk.co.omniops.suggestion.ReplyEntry;
import uk.co.omniops.suggestion.ReplyProposal;
import uk.co.omniops.suggestion.SuggestionRejected;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * What suggestions are drawn from, as people curate it: the customer's reply library and knowledge snippets (validated:
 * titles, texts, category keys and the {@code {{variables}}} a reply may use), the proposals that agents' repeated
 * edits make for new library entries, and the seeding of a new customer's library. Ranking and feedback are
 * {@link SuggestionService}'s.
 */
@Service
public class ReplyLibrary {

    /** A proposal is listed once agents sent (nearly) the same edited reply this many times. */
    static final int PROPOSAL_THRESHOLD = 3;

    private static final Pattern CATEGORY_KEY = Pattern.compile("[a-z0-9_]{1,40}");

    private final SuggestionStore store;
    private final TenantTransactions transactions;

    ReplyLibrary(SuggestionStore store, TenantTransactions transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    public List<ReplyEntry> library(CustomerId customer, boolean withRetired) {
        return transactions.readInTenant(customer, () -> store.entries(customer, withRetired));
    }

    public ReplyEntry createEntry(CustomerId customer, ReplyDraft draft, String by) {
        var clean = validate(draft, 120, 4000);
        var id = UUID.randomUUID();
        transactions.inTenant(customer, () -> {
            store.insertEntry(customer, id, clean.title(), clean.body(), clean.categories(), by);
            return null;
        });
        return entry(customer, id);
    }

    public ReplyEntry updateEntry(CustomerId customer, UUID id, ReplyDraft draft) {
        var clean = validate(draft, 120, 4000);
        if (!transactions.inTenant(customer, () -> store.updateEntry(customer, id, clean.title(), clean.body(),
                clean.categories()))) {
            throw new SuggestionRejected("no such library entry");
        }
        return entry(customer, id);
    }

    public void retireEntry(CustomerId customer, UUID id, boolean retired) {
        if (!transactions.inTenant(customer, () -> store.retireEntry(customer, id, retired))) {
            throw new SuggestionRejected("no such library entry");
        }
    }

    private ReplyEntry entry(CustomerId customer, UUID id) {
        return library(customer, true).stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new SuggestionRejected("no such library entry"));
    }

    public List<KnowledgeSnippet> knowledge(CustomerId customer) {
        return transactions.readInTenant(customer, () -> store.snippets(customer));
    }

    public KnowledgeSnippet createSnippet(CustomerId customer, ReplyDraft draft) {
        var clean = validate(draft, 160, 8000);
        var id = UUID.randomUUID();
        transactions.inTenant(customer, () -> {
            store.insertSnippet(customer, id, clean.title(), clean.body(), clean.categories());
            return null;
        });
        return knowledge(customer).stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    public KnowledgeSnippet updateSnippet(CustomerId customer, UUID id, ReplyDraft draft) {
        var clean = validate(draft, 160, 8000);
        if (!transactions.inTenant(customer, () -> store.updateSnippet(customer, id, clean.title(), clean.body(),
                clean.categories()))) {
            throw new SuggestionRejected("no such knowledge snippet");
        }
        return knowledge(customer).stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    public void retireSnippet(CustomerId customer, UUID id, boolean retired) {
        if (!transactions.inTenant(customer, () -> store.retireSnippet(customer, id, retired))) {
            throw new SuggestionRejected("no such knowledge snippet");
        }
    }

    public List<ReplyProposal> proposals(CustomerId customer) {
        return transactions.readInTenant(customer, () -> store.proposals(customer, PROPOSAL_THRESHOLD));
    }

    /** Turns a proposal into a library entry (categories of the edited entry, if it came from one). */
    public ReplyEntry acceptProposal(CustomerId customer, UUID proposalId, String by) {
        var proposal = proposals(customer).stream().filter(p -> p.id().equals(proposalId)).findFirst()
                .orElseThrow(() -> new SuggestionRejected("no such proposal"));
        var categories = proposal.sourceRef() == null ? List.<String>of()
                : transactions.readInTenant(customer, () -> store.entryCategories(customer, proposal.sourceRef()))
                        .orElse(List.of());
        var title = SuggestionStore.abbreviate(proposal.title(), 120);
        var entry = createEntry(customer, new ReplyDraft(title, proposal.text(), categories), by);
        transactions.inTenant(customer, () -> store.closeProposal(customer, proposalId, "accepted"));
        return entry;
    }

    public void dismissProposal(CustomerId customer, UUID proposalId) {
        if (!transactions.inTenant(customer, () -> store.closeProposal(customer, proposalId, "dismissed"))) {
            throw new SuggestionRejected("no such proposal");
        }
    }

    /** Seeds a library and knowledge base once (when the customer has no library entry at all). */
    public boolean seed(CustomerId customer, List<ReplyDraft> library, List<ReplyDraft> knowledge) {
        return transactions.inTenant(customer, () -> {
            if (store.countEntries(customer) > 0) {
                return false;
            }
            for (var d : library) {
                var c = validate(d, 120, 4000);
                store.insertEntry(customer, UUID.randomUUID(), c.title(), c.body(), c.categories(), "seed");
            }
            for (var d : knowledge) {
                var c = validate(d, 160, 8000);
                store.insertSnippet(customer, UUID.randomUUID(), c.title(), c.body(), c.categories());
            }
            return true;
        });
    }

    static ReplyDraft validate(ReplyDraft draft, int maxTitle, int maxBody) {
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
                    + String.join(", ", VariableFiller.PLACEHOLDERS.keySet().stream().sorted().map(k -> "{{" + k + "}}").toList()));
        }
        return new ReplyDraft(title, body, List.copyOf(categories));
    }

    private static List<String> unknownVariables(String body) {
        var m = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}").matcher(body);
        var out = new ArrayList<String>();
        while (m.find()) {
            if (!VariableFiller.PLACEHOLDERS.containsKey(m.group(1).toLowerCase(Locale.ROOT))) {
                out.add("{{" + m.group(1) + "}}");
            }
        }
        return out;
    }

    static Set<String> variables() {
        return VariableFiller.PLACEHOLDERS.keySet();
    }
}
