package uk.co.omniops.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import uk.co.omniops.analysis.internal.AnalysisStore;
import uk.co.omniops.analysis.internal.Corrections;
import uk.co.omniops.analysis.internal.CustomerModels;
import uk.co.omniops.analysis.internal.CustomerTaxonomies;
import uk.co.omniops.analysis.internal.MessageEmbeddings;
import uk.co.omniops.analysis.internal.SimilarConversations;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The analysis module's API for other modules and the UI. Every method takes the customer explicitly and runs
 * under that tenant (row-level security): another customer's message is simply not found.
 *
 * <p>Corrections are stored with who, when, before and after; they adapt the customer's model at once (the next
 * message benefits, on every replica within 30 s at most) and re-analyse the corrected message, which then
 * shows the agent's answer and publishes {@link MessageAnalysed} again.
 */
@Service
public class AnalysisManagement {

    private final Corrections corrections;
    private final AnalysisStore store;
    private final CustomerTaxonomies taxonomies;
    private final CustomerModels customerModels;
    private final SimilarConversations similar;
    private final MessageEmbeddings embeddings;
    private final uk.co.omniops.tenancy.TenantTransactions transactions;

    AnalysisManagement(
            Corrections corrections,
            AnalysisStore store,
            CustomerTaxonomies taxonomies,
            CustomerModels customerModels,
            SimilarConversations similar,
            MessageEmbeddings embeddings,
            uk.co.omniops.tenancy.TenantTransactions transactions) {
        this.corrections = corrections;
        this.store = store;
        this.taxonomies = taxonomies;
        this.customerModels = customerModels;
        this.similar = similar;
        this.embeddings = embeddings;
        this.transactions = transactions;
    }

    /**
     * Up to {@code limit} resolved conversations of the customer that read most like this one, best first, each with
     * how it was resolved; empty when this conversation has no analysed contact message yet, with the embeddings kill
     * switch on, or for another customer's conversation. Never null.
     *
     * @see <a href="../../../../../../docs/decisions/018-similar-conversations.md">decision 018</a>
     */
    public List<SimilarConversation> similarResolved(CustomerId customer, ConversationId conversation, int limit) {
        return similar.similar(customer, conversation, limit);
    }

    /**
     * The sentence vector of a text (384 dimensions, L2-normalised: a dot product is the cosine), from the JVM's one
     * encoder; empty with the embeddings kill switch ({@code omniops.analysis.embeddings.enabled=false}).
     */
    public java.util.Optional<float[]> embed(String text) {
        return embeddings.embed(text);
    }

    /**
     * The stored sentence vectors (L2-normalised) of these messages, for those that have one; empty with the kill
     * switch or for another customer's messages. Never null.
     */
    public Map<MessageId, float[]> messageVectors(CustomerId customer, List<MessageId> messages) {
        if (!embeddings.enabled() || messages.isEmpty()) {
            return Map.of();
        }
        return transactions.readInTenant(customer, () -> embeddings.vectorsOfMessages(customer, messages));
    }

    /**
     * Stores the sentence vectors of contact messages that were written without the live pipeline (the dev demo
     * history) and have none yet, in one transaction of the customer; identical texts are encoded once.
     *
     * @return how many were stored (0 under the kill switch)
     */
    public int storeEmbeddings(CustomerId customer, List<MessageSource.MessageText> messages) {
        if (!embeddings.enabled() || messages.isEmpty()) {
            return 0;
        }
        var stored = transactions.readInTenant(
                customer,
                () -> embeddings.storedAmong(
                        customer,
                        messages.stream().map(MessageSource.MessageText::id).toList()));
        var rows = embeddings.embed(
                messages.stream().filter(m -> !stored.contains(m.id())).toList());
        if (!rows.isEmpty()) {
            transactions.inTenant(customer, () -> {
                embeddings.storeAll(customer, rows);
                return null;
            });
        }
        return rows.size();
    }

    /** Sentiment and categories per analysed message of a conversation; never null, empty when none. */
    public Map<MessageId, MessageAnalysis> analyses(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(customer, () -> {
            var retired = taxonomies.retired(customer);
            var result = new LinkedHashMap<MessageId, MessageAnalysis>();
            var categories = new LinkedHashMap<MessageId, List<MessageAnalysed.Category>>();
            for (var row : store.categoryRows(customer, conversation)) {
                if (!retired.contains(row.category().key())) {
                    categories
                            .computeIfAbsent(row.messageId(), k -> new ArrayList<>())
                            .add(row.category());
                }
            }
            var times = new LinkedHashMap<MessageId, java.time.Instant>();
            store.categoryRows(customer, conversation)
                    .forEach(r -> times.merge(r.messageId(), r.at(), (a, b) -> a.isAfter(b) ? a : b));
            for (var row : store.sentimentRows(customer, conversation)) {
                result.put(
                        row.messageId(),
                        new MessageAnalysis(
                                row.messageId(),
                                row.sentiment(),
                                agentFirst(categories.getOrDefault(row.messageId(), List.of())),
                                AnalysisStore.AGENT.equals(row.sentiment().model()),
                                row.at()));
            }
            categories.forEach((message, list) -> result.computeIfAbsent(
                    message, m -> new MessageAnalysis(m, null, agentFirst(list), false, times.get(m))));
            return result;
        });
    }

    /** When an agent set a message's categories, only theirs count. */
    private static List<MessageAnalysed.Category> agentFirst(List<MessageAnalysed.Category> categories) {
        var agent = categories.stream().filter(c -> c.source().equals("agent")).toList();
        return agent.isEmpty() ? List.copyOf(categories) : agent;
    }

    /** The conversation's sentiment over time, oldest first. */
    public List<SentimentPoint> trend(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(customer, () -> store.trend(customer, conversation));
    }

    /**
     * An agent sets a message's sentiment.
     *
     * @param label negative, neutral or positive
     * @throws IllegalArgumentException for another label
     * @throws java.util.NoSuchElementException when the message was never analysed (or belongs to another customer)
     */
    public MessageAnalysis correctSentiment(CustomerId customer, MessageId message, String label, UUID byUser) {
        return analysis(customer, corrections.correctSentiment(customer, message, label, byUser), message);
    }

    /**
     * An agent adds and/or removes categories of a message. Added keys must be active in the customer's
     * taxonomy ({@link #categories}); the model learns only default keys (custom keys stay agent-applied).
     *
     * @throws IllegalArgumentException for an unknown or retired key to add, or a key both added and removed
     * @throws java.util.NoSuchElementException when the message was never analysed
     */
    public MessageAnalysis correctCategories(
            CustomerId customer, MessageId message, Set<String> add, Set<String> remove, UUID byUser) {
        return analysis(customer, corrections.correctCategories(customer, message, add, remove, byUser), message);
    }

    /** Corrections so far and how well the adapted model agreed with them before learning each one. */
    public CorrectionStats correctionStats(CustomerId customer) {
        var adapter = customerModels.adapter(customer);
        return new CorrectionStats(
                adapter.corrections(),
                adapter.sentimentCorrections(),
                adapter.categoryCorrections(),
                AnalysisStore.nanToNull(adapter.sentimentPrequentialAccuracy()),
                AnalysisStore.nanToNull(adapter.categoryPrequentialAccuracy()));
    }

    /** The customer's effective taxonomy: default keys (with the customer's names), then its own keys; retired ones flagged. */
    public List<CategoryDefinition> categories(CustomerId customer) {
        return transactions.readInTenant(customer, () -> taxonomies.all(customer));
    }

    /**
     * Renames a category, adds a custom one ({@code key}: lower case, digits, underscore; at most 40 characters) or
     * retires/restores one. Default keys are never removed, only retired; retired keys disappear from results.
     */
    public CategoryDefinition defineCategory(CustomerId customer, String key, String displayName, boolean retired) {
        if (!key.matches("[a-z0-9][a-z0-9_]{0,39}")) {
            throw new IllegalArgumentException(
                    "category keys are lower case letters, digits and _ (at most 40), got " + key);
        }
        var name = displayName.strip();
        if (name.isEmpty() || name.length() > 80) {
            throw new IllegalArgumentException("display names have 1 to 80 characters");
        }
        return transactions.inTenant(customer, () -> {
            taxonomies.upsert(customer, key, name, retired);
            return taxonomies.all(customer).stream()
                    .filter(d -> d.key().equals(key))
                    .findFirst()
                    .orElseThrow();
        });
    }

    private MessageAnalysis analysis(CustomerId customer, ConversationId conversation, MessageId message) {
        var found = analyses(customer, conversation).get(message);
        return found != null ? found : new MessageAnalysis(message, null, List.of(), false, null);
    }
}
