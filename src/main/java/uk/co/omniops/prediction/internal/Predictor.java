package uk.co.omniops.prediction.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationFacts;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.prediction.Prediction;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The event side of the prediction module: computes, stores and publishes predictions as messages are analysed and
 * conversations resolved; trains per customer (cached per replica for {@link #MODEL_TTL}, {@code retrain} refreshes at
 * once). Everything gated by {@link Feature#PREDICTIVE_ANALYTICS}. The reads other modules make are
 * {@code PredictionManagement}'s.
 *
 * @see <a href="../../../../../../../docs/decisions/010-predictions.md">decision 010</a>
 */
@Service
public class Predictor {

    static final Duration MODEL_TTL = Duration.ofMinutes(10);
    static final int TRAINING_LIMIT = 5_000;
    static final int RECENT_SIGNALS = 50;

    private record Cached(CustomerModels models, Instant at) {}

    public enum Outcome {
        STORED,
        DISABLED,
        SKIPPED
    }

    private final PredictionStore store;
    private final TenantTransactions transactions;
    private final FeatureFlags flags;
    private final LiveUpdates liveUpdates;
    private final Map<CustomerId, Cached> models = new ConcurrentHashMap<>();

    Predictor(PredictionStore store, TenantTransactions transactions, FeatureFlags flags, LiveUpdates liveUpdates) {
        this.store = store;
        this.transactions = transactions;
        this.flags = flags;
        this.liveUpdates = liveUpdates;
    }

    public boolean enabled(CustomerId customer) {
        return flags.isEnabled(customer, Feature.PREDICTIVE_ANALYTICS);
    }

    /**
     * A contact's message was analysed: remember it, predict and store, in the caller's transaction when there is one
     * (the analysis' unit of work, so that the escalation rules that run next read this prediction). Idempotent per
     * message. The conversation's facts come with the event; the features read this module's own signals of the
     * newest {@link #RECENT_SIGNALS} analysed messages.
     */
    public Outcome onAnalysed(MessageAnalysed event) {
        var customer = event.customerId();
        if (!enabled(customer)) {
            return Outcome.DISABLED;
        }
        var facts = event.conversation();
        if (facts.status() == ConversationStatus.RESOLVED) {
            return Outcome.SKIPPED;
        }
        var model = models(customer);
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        transactions.inTenant(customer, () -> {
            var conversation = event.conversationId();
            store.storeSignal(
                    event.messageId().value(),
                    customer,
                    conversation,
                    event.sentiment() == null ? null : event.sentiment().score(),
                    event.categories().stream()
                            .map(MessageAnalysed.Category::key)
                            .toList(),
                    facts.recentMessage(event.messageId())
                            .map(m -> m.createdAt())
                            .orElse(now));
            var recent = store.recentSignals(conversation, RECENT_SIGNALS);
            var x = Features.of(input(facts, recent.scores(), recent.categories(), now));
            var prediction = model.predict(x, now);
            store.insertPrediction(customer, conversation, event.messageId().value(), prediction);
            storeFeaturesBeforeCommit(
                    customer,
                    List.of(new PredictionStore.FeatureRow(
                            conversation.value(), facts.startedAt(), x, prediction.escalationRisk())));
            liveUpdates.publish(
                    LiveUpdate.of(customer.value(), LiveUpdate.Kind.PREDICTION_UPDATED, conversation.value()));
            return null;
        });
        return Outcome.STORED;
    }

    /**
     * {@link #onAnalysed} for a batch of analysed messages (one transaction of the analysis, several messages), with a
     * bounded number of statements whatever its size: the signals (one multi-row insert), the newest signals of every
     * conversation of the batch (one lateral read), the predictions (one multi-row insert) and each conversation's
     * latest features (one multi-row upsert). Each message is predicted from the signals up to and including its own,
     * in the batch's order, as if the messages had come one at a time. A batch of one is {@link #onAnalysed}.
     *
     * @return how many messages were predicted
     */
    int onAnalysedAll(List<MessageAnalysed> events) {
        if (events.size() == 1) {
            return onAnalysed(events.getFirst()) == Outcome.STORED ? 1 : 0;
        }
        var stored = 0;
        var byCustomer = new java.util.LinkedHashMap<CustomerId, List<MessageAnalysed>>();
        events.forEach(e -> byCustomer
                .computeIfAbsent(e.customerId(), c -> new java.util.ArrayList<>())
                .add(e));
        for (var entry : byCustomer.entrySet()) {
            var customer = entry.getKey();
            var open = entry.getValue().stream()
                    .filter(e -> e.conversation().status() != ConversationStatus.RESOLVED)
                    .toList();
            if (open.isEmpty() || !enabled(customer)) {
                continue;
            }
            stored += transactions.inTenant(customer, () -> predictAll(customer, open));
        }
        return stored;
    }

    private int predictAll(CustomerId customer, List<MessageAnalysed> events) {
        var model = models(customer);
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var signals = events.stream()
                .map(e -> new PredictionStore.SignalRow(
                        e.messageId().value(),
                        e.conversationId().value(),
                        e.sentiment() == null ? null : e.sentiment().score(),
                        e.categories().stream()
                                .map(MessageAnalysed.Category::key)
                                .toList(),
                        e.conversation()
                                .recentMessage(e.messageId())
                                .map(m -> m.createdAt())
                                .orElse(now)))
                .toList();
        store.storeSignals(customer, signals);
        var perConversation = new java.util.HashMap<UUID, Integer>();
        signals.forEach(s -> perConversation.merge(s.conversationId(), 1, Integer::sum));
        var limit = RECENT_SIGNALS
                + perConversation.values().stream()
                        .mapToInt(Integer::intValue)
                        .max()
                        .orElse(0);
        var recent = store.recentSignals(perConversation.keySet(), limit);
        var order = java.util.Comparator.comparing(PredictionStore.SignalRow::at)
                .thenComparing(PredictionStore.SignalRow::messageId);
        var predictions = new java.util.ArrayList<Map.Entry<PredictionStore.SignalRow, Prediction>>();
        var features = new java.util.LinkedHashMap<UUID, PredictionStore.FeatureRow>();
        for (var i = 0; i < events.size(); i++) {
            var event = events.get(i);
            var signal = signals.get(i);
            // the conversation's newest signals up to this message's own (newest first), as a message alone reads them
            var upTo = recent.getOrDefault(signal.conversationId(), List.of()).stream()
                    .filter(r -> order.compare(r, signal) <= 0)
                    .limit(RECENT_SIGNALS)
                    .toList();
            var scores = new java.util.ArrayList<Double>();
            var categories = new java.util.LinkedHashSet<String>();
            for (var r : upTo) {
                if (r.score() != null) {
                    scores.add(r.score());
                }
                categories.addAll(r.categories());
            }
            var x = Features.of(input(event.conversation(), scores.reversed(), categories, now));
            var prediction = model.predict(x, now);
            predictions.add(Map.entry(signal, prediction));
            features.put(
                    signal.conversationId(),
                    new PredictionStore.FeatureRow(
                            signal.conversationId(), event.conversation().startedAt(), x, prediction.escalationRisk()));
        }
        store.insertPredictions(customer, predictions);
        storeFeaturesBeforeCommit(customer, List.copyOf(features.values()));
        features.keySet()
                .forEach(conversation -> liveUpdates.publish(
                        LiveUpdate.of(customer.value(), LiveUpdate.Kind.PREDICTION_UPDATED, conversation)));
        return predictions.size();
    }

    /**
     * Each conversation's read-model row, just before the analysis commits (a batch or a single message alike): it
     * is locked until then, and the escalation label (markEscalated, after another transaction's commit) and the next
     * batch wait for it; stored mid-transaction it was held through the rest of the batch (1.6 s mean waits in
     * bench/statements.sh), and a single message's transaction that wrote it before its escalation row deadlocked
     * with a batch that writes the escalation rows first (5,000-message burst).
     */
    private void storeFeaturesBeforeCommit(CustomerId customer, List<PredictionStore.FeatureRow> rows) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            store.storeFeatures(customer, rows);
                        }
                    });
        } else {
            store.storeFeatures(customer, rows);
        }
    }

    /**
     * Resolution: the time label, and the CSAT proxy (no CSAT source exists yet): {@code 1 + 4 × the last sentiment
     * score}, minus 0.5 when the conversation was escalated, clamped to 1…5.
     */
    void onResolved(CustomerId customer, ConversationId conversation, Instant at) {
        if (!enabled(customer)) {
            return;
        }
        transactions.inTenant(customer, () -> {
            var scores = store.scores(conversation);
            double last = scores.isEmpty() ? 0.6 : scores.getLast();
            double csat = Math.clamp(1 + 4 * last - (store.isEscalated(conversation) ? 0.5 : 0), 1.0, 5.0);
            store.markResolved(conversation, at, csat);
            return null;
        });
    }

    CustomerModels models(CustomerId customer) {
        var cached = models.get(customer);
        if (cached != null && cached.at().plus(MODEL_TTL).isAfter(Instant.now())) {
            return cached.models();
        }
        return retrain(customer);
    }

    /** Drops the cached models: the next prediction trains on the read model as it is now. */
    void evict(CustomerId customer) {
        models.remove(customer);
    }

    public CustomerModels retrain(CustomerId customer) {
        var history = transactions.readInTenant(customer, () -> store.outcomes(customer, TRAINING_LIMIT));
        var trained = CustomerModels.train(history);
        models.put(customer, new Cached(trained, Instant.now()));
        return trained;
    }

    static Features.Input input(
            ConversationFacts facts, List<Double> scores, java.util.Set<String> categories, Instant now) {
        var waited = facts.waitingAt(now);
        double waiting = waited == null ? 0 : Math.max(0, waited.toSeconds() / 60.0);
        return new Features.Input(
                scores,
                categories,
                waiting,
                facts.messageCount(),
                facts.vip(),
                facts.priority().ordinal(),
                now.atZone(ZoneOffset.UTC).getHour());
    }

    /** Who wrote a message and when (internal notes left out). */
    record Said(AuthorType author, Instant at) {}

    /** How long the contact has been waiting at {@code now}: since its first message after the last agent answer. */
    static double waitingMinutes(List<Said> messages, Instant now) {
        Instant since = null;
        for (var m : messages) {
            if (m.author() == AuthorType.AGENT) {
                since = null;
            } else if (m.author() == AuthorType.CONTACT && since == null) {
                since = m.at();
            }
        }
        return since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds() / 60.0);
    }
}
