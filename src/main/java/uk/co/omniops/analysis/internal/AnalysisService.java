package uk.co.omniops.analysis.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import uk.co.omniops.analysis.CategoryDefinition;
import uk.co.omniops.analysis.CorrectionStats;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessageAnalysis;
import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.analysis.MessageSource.MessageText;
import uk.co.omniops.analysis.SentimentPoint;
import uk.co.omniops.analysis.model.SentimentModel;
import uk.co.omniops.analysis.model.Taxonomy;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/** Behind {@link uk.co.omniops.analysis.AnalysisManagement}: queries, corrections, taxonomy. */
@Component
public class AnalysisService {

    private final AnalysisStore store;
    private final CustomerModels customerModels;
    private final CustomerTaxonomies taxonomies;
    private final Models models;
    private final MessageSource source;
    private final MessageAnalyser analyser;
    private final TenantTransactions transactions;
    private final JsonMapper json = JsonMapper.builder().build();

    AnalysisService(AnalysisStore store, CustomerModels customerModels, CustomerTaxonomies taxonomies, Models models,
            MessageSource source, MessageAnalyser analyser, TenantTransactions transactions) {
        this.store = store;
        this.customerModels = customerModels;
        this.taxonomies = taxonomies;
        this.models = models;
        this.source = source;
        this.analyser = analyser;
        this.transactions = transactions;
    }

    public Map<MessageId, MessageAnalysis> analyses(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(customer, () -> {
            var retired = taxonomies.retired(customer);
            var result = new LinkedHashMap<MessageId, MessageAnalysis>();
            var categories = new LinkedHashMap<MessageId, List<MessageAnalysed.Category>>();
            for (var row : store.categoryRows(customer, conversation)) {
                if (!retired.contains(row.category().key())) {
                    categories.computeIfAbsent(row.messageId(), k -> new ArrayList<>()).add(row.category());
                }
            }
            var times = new LinkedHashMap<MessageId, java.time.Instant>();
            store.categoryRows(customer, conversation).forEach(r -> times.merge(r.messageId(), r.at(),
                    (a, b) -> a.isAfter(b) ? a : b));
            for (var row : store.sentimentRows(customer, conversation)) {
                result.put(row.messageId(), new MessageAnalysis(row.messageId(), row.sentiment(),
                        agentFirst(categories.getOrDefault(row.messageId(), List.of())),
                        AnalysisStore.AGENT.equals(row.sentiment().model()), row.at()));
            }
            categories.forEach((message, list) -> result.computeIfAbsent(message,
                    m -> new MessageAnalysis(m, null, agentFirst(list), false, times.get(m))));
            return result;
        });
    }

    /** When an agent set a message's categories, only theirs count. */
    private static List<MessageAnalysed.Category> agentFirst(List<MessageAnalysed.Category> categories) {
        var agent = categories.stream().filter(c -> c.source().equals("agent")).toList();
        return agent.isEmpty() ? List.copyOf(categories) : agent;
    }

    public List<SentimentPoint> trend(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(customer, () -> store.trend(customer, conversation));
    }

    public MessageAnalysis correctSentiment(CustomerId customer, MessageId message, String label, UUID byUser) {
        if (!SentimentLabels.ALL.contains(label)) {
            throw new IllegalArgumentException("sentiment label must be one of " + SentimentLabels.ALL + ", got " + label);
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
                    store.recordCorrection(customer, text.conversationId(), message, "sentiment",
                            toJson(before == null ? Map.of() : Map.of("label", before.label(), "score", before.score(),
                                    "model", before.model())),
                            toJson(Map.of("label", label, "adapted_model_agreed", agreed)), byUser);
                    store.setAgentSentiment(customer, text.conversationId(), message, score, label, confidence);
                    customerModels.save(customer, adapter);
                    analyser.publish(customer, text.conversationId(), message,
                            List.of(models.sentiment().version() + "+adapter", AnalysisStore.AGENT));
                    return null;
                });
            } catch (RuntimeException e) {
                customerModels.evict(customer); // the in-memory adapter may have learnt what was not saved
                throw e;
            }
        }
        return analysis(customer, text.conversationId(), message);
    }

    public MessageAnalysis correctCategories(CustomerId customer, MessageId message, Set<String> add, Set<String> remove,
            UUID byUser) {
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
                            .filter(c -> !c.source().equals("model") || store.categories(customer, message).stream()
                                    .noneMatch(a -> a.source().equals("agent")))
                            .map(MessageAnalysed.Category::key).collect(Collectors.toCollection(LinkedHashSet::new));
                    var after = new LinkedHashSet<>(before);
                    after.addAll(add);
                    after.removeAll(remove);
                    store.recordCorrection(customer, text.conversationId(), message, "categories",
                            toJson(Map.of("categories", List.copyOf(before))),
                            toJson(Map.of("categories", List.copyOf(after), "added", List.copyOf(add), "removed",
                                    List.copyOf(remove), "adapted_model_agreed", agreed)), byUser);
                    store.setAgentCategories(customer, text.conversationId(), message, after);
                    customerModels.save(customer, adapter);
                    analyser.publish(customer, text.conversationId(), message,
                            List.of(models.categories().version() + "+adapter", AnalysisStore.AGENT));
                    return null;
                });
            } catch (RuntimeException e) {
                customerModels.evict(customer);
                throw e;
            }
        }
        return analysis(customer, text.conversationId(), message);
    }

    public CorrectionStats correctionStats(CustomerId customer) {
        var adapter = customerModels.adapter(customer);
        return new CorrectionStats(adapter.corrections(), adapter.sentimentCorrections(), adapter.categoryCorrections(),
                AnalysisStore.nanToNull(adapter.sentimentPrequentialAccuracy()),
                AnalysisStore.nanToNull(adapter.categoryPrequentialAccuracy()));
    }

    public List<CategoryDefinition> categories(CustomerId customer) {
        return transactions.readInTenant(customer, () -> taxonomies.all(customer));
    }

    public CategoryDefinition defineCategory(CustomerId customer, String key, String displayName, boolean retired) {
        if (!key.matches("[a-z0-9][a-z0-9_]{0,39}")) {
            throw new IllegalArgumentException("category keys are lower case letters, digits and _ (at most 40), got " + key);
        }
        var name = displayName.strip();
        if (name.isEmpty() || name.length() > 80) {
            throw new IllegalArgumentException("display names have 1 to 80 characters");
        }
        return transactions.inTenant(customer, () -> {
            taxonomies.upsert(customer, key, name, retired);
            return taxonomies.all(customer).stream().filter(d -> d.key().equals(key)).findFirst().orElseThrow();
        });
    }

    private MessageText messageText(CustomerId customer, MessageId message) {
        var conversation = transactions.readInTenant(customer, () -> store.conversationOf(customer, message))
                .orElseThrow(() -> new NoSuchElementException("message " + message + " has not been analysed"));
        return source.text(customer, conversation, message)
                .orElseThrow(() -> new NoSuchElementException("message " + message + " not found"));
    }

    private MessageAnalysis analysis(CustomerId customer, ConversationId conversation, MessageId message) {
        var all = analyses(customer, conversation);
        var found = all.get(message);
        return found != null ? found : new MessageAnalysis(message, null, List.of(), false, null);
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
