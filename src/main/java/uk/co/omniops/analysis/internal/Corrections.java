package uk.co.omniops.analysis.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.analysis.MessageSource.MessageText;
import uk.co.omniops.analysis.model.SentimentModel;
import uk.co.omniops.analysis.model.Taxonomy;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Agents' corrections behind {@link uk.co.omniops.analysis.AnalysisManagement}: stored with who, when, before and
 * after; they adapt the customer's model at once and re-analyse the corrected message.
 */
@Component
public class Corrections {

    private final AnalysisStore store;
    private final CorrectionLog log;
    private final CustomerModels customerModels;
    private final CustomerTaxonomies taxonomies;
    private final Models models;
    private final MessageSource source;
    private final MessageAnalyser analyser;
    private final TenantTransactions transactions;
    private final JsonMapper json = JsonMapper.builder().build();

    Corrections(
            AnalysisStore store,
            CorrectionLog log,
            CustomerModels customerModels,
            CustomerTaxonomies taxonomies,
            Models models,
            MessageSource source,
            MessageAnalyser analyser,
            TenantTransactions transactions) {
        this.store = store;
        this.log = log;
        this.customerModels = customerModels;
        this.taxonomies = taxonomies;
        this.models = models;
        this.source = source;
        this.analyser = analyser;
        this.transactions = transactions;
    }

    /**
     * Stores an agent's sentiment for a message, teaches the customer's adapter and publishes the message's analysis
     * again, in one tenant transaction.
     *
     * @return the message's conversation
     */
    public ConversationId correctSentiment(CustomerId customer, MessageId message, String label, UUID byUser) {
        if (!SentimentLabels.ALL.contains(label)) {
            throw new IllegalArgumentException(
                    "sentiment label must be one of " + SentimentLabels.ALL + ", got " + label);
        }
        var text = messageText(customer, message);
        var adapter = customerModels.adapter(customer);
        synchronized (adapter) {
            try {
                var agreed = adapter.correctSentiment(models.sentiment(), text.text(), label);
                var adapted = models.sentiment().analyse(text.text(), adapter);
                var score = adapted.label().equals(label) ? adapted.score() : defaultScore(label);
                var confidence = adapted.label().equals(label) ? adapted.confidence() : 1.0;
                transactions.inTenant(customer, () -> {
                    store.lock(message);
                    var before = store.sentiment(customer, message).orElse(null);
                    log.record(
                            customer,
                            text.conversationId(),
                            message,
                            "sentiment",
                            toJson(
                                    before == null
                                            ? Map.of()
                                            : Map.of(
                                                    "label",
                                                    before.label(),
                                                    "score",
                                                    before.score(),
                                                    "model",
                                                    before.model())),
                            toJson(Map.of("label", label, "adapted_model_agreed", agreed)),
                            byUser);
                    store.setAgentSentiment(customer, text.conversationId(), message, score, label, confidence);
                    customerModels.save(customer, adapter);
                    analyser.publish(
                            customer,
                            text.conversationId(),
                            message,
                            List.of(models.sentiment().version() + "+adapter", AnalysisStore.AGENT));
                    return null;
                });
            } catch (RuntimeException e) {
                customerModels.evict(customer); // the in-memory adapter may have learnt what was not saved
                throw e;
            }
        }
        return text.conversationId();
    }

    /** {@link #correctSentiment} for categories. */
    public ConversationId correctCategories(
            CustomerId customer, MessageId message, Set<String> add, Set<String> remove, UUID byUser) {
        var both = add.stream().filter(remove::contains).toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("categories both added and removed: " + both);
        }
        var active = transactions.readInTenant(customer, () -> taxonomies.active(customer));
        var unknown = add.stream().filter(k -> !active.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown or retired categories: " + unknown);
        }
        var text = messageText(customer, message);
        var adapter = customerModels.adapter(customer);
        synchronized (adapter) {
            try {
                var learnAdd = add.stream().filter(Taxonomy::contains).collect(Collectors.toSet());
                var learnRemove = remove.stream().filter(Taxonomy::contains).collect(Collectors.toSet());
                var agreed = adapter.correctCategories(models.categories(), text.text(), learnAdd, learnRemove);
                transactions.inTenant(customer, () -> {
                    store.lock(message);
                    var before = store.categories(customer, message).stream()
                            .filter(c -> !c.source().equals("model")
                                    || store.categories(customer, message).stream()
                                            .noneMatch(a -> a.source().equals("agent")))
                            .map(MessageAnalysed.Category::key)
                            .collect(Collectors.toCollection(LinkedHashSet::new));
                    var after = new LinkedHashSet<>(before);
                    after.addAll(add);
                    after.removeAll(remove);
                    log.record(
                            customer,
                            text.conversationId(),
                            message,
                            "categories",
                            toJson(Map.of("categories", List.copyOf(before))),
                            toJson(Map.of(
                                    "categories",
                                    List.copyOf(after),
                                    "added",
                                    List.copyOf(add),
                                    "removed",
                                    List.copyOf(remove),
                                    "adapted_model_agreed",
                                    agreed)),
                            byUser);
                    store.setAgentCategories(customer, text.conversationId(), message, after);
                    customerModels.save(customer, adapter);
                    analyser.publish(
                            customer,
                            text.conversationId(),
                            message,
                            List.of(models.categories().version() + "+adapter", AnalysisStore.AGENT));
                    return null;
                });
            } catch (RuntimeException e) {
                customerModels.evict(customer);
                throw e;
            }
        }
        return text.conversationId();
    }

    private MessageText messageText(CustomerId customer, MessageId message) {
        var conversation = transactions
                .readInTenant(customer, () -> store.conversationOf(customer, message))
                .orElseThrow(() -> new NoSuchElementException("message " + message + " has not been analysed"));
        return source.text(customer, conversation, message)
                .orElseThrow(() -> new NoSuchElementException("message " + message + " not found"));
    }

    private static double defaultScore(String label) {
        if (label.equals(SentimentModel.NEGATIVE)) {
            return 0.1;
        }
        return label.equals(SentimentModel.POSITIVE) ? 0.9 : 0.5;
    }

    private String toJson(Map<String, ?> value) {
        return json.writeValueAsString(value);
    }
}
