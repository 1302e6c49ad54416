package uk.co.omniops.analysis.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.analysis.MessageSource.MessageText;
import uk.co.omniops.analysis.MessagesAnalysed;
import uk.co.omniops.analysis.model.CustomerAdapter;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationFacts;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Analyses one contact message: the features enabled for its customer (sentiment, categories) with the
 * customer's adapter, outside any transaction (an OpenAI call may take seconds); then stores the results and
 * publishes {@link MessageAnalysed} and the {@code message.analysed} live update in one short tenant transaction.
 * Idempotent: under a per-message lock, a message that already has results is not analysed again (so a job
 * delivered twice publishes one event), unless {@code force} (re-analysis after a correction).
 */
@Component
public class MessageAnalyser {

    public static final String SENTIMENT_LATENCY = "omniops.sentiment.latency";
    public static final String CATEGORIES_LATENCY = "omniops.categories.latency";
    static final LiveUpdate.Kind ANALYSED_UPDATE = LiveUpdate.Kind.MESSAGE_ANALYSED;
    private static final Set<String> SENTIMENT_LABELS = Set.of("negative", "neutral", "positive");

    public enum Result {
        ANALYSED,
        ALREADY_ANALYSED,
        NOT_FOUND,
        NOT_CONTACT,
        DISABLED
    }

    private final MessageSource source;
    private final FeatureFlags flags;
    private final Models models;
    private final SentimentAnalyser sentiment;
    private final CustomerModels customerModels;
    private final CustomerTaxonomies taxonomies;
    private final AnalysisStore store;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final LiveUpdates liveUpdates;
    private final ConversationManagement conversations;
    private final MessageEmbeddings embeddings;
    private final Timer sentimentTimer;
    private final Timer categoriesTimer;

    MessageAnalyser(
            MessageSource source,
            FeatureFlags flags,
            Models models,
            SentimentAnalyser sentiment,
            CustomerModels customerModels,
            CustomerTaxonomies taxonomies,
            AnalysisStore store,
            TenantTransactions transactions,
            ApplicationEventPublisher events,
            LiveUpdates liveUpdates,
            ConversationManagement conversations,
            MessageEmbeddings embeddings,
            MeterRegistry meters) {
        this.source = source;
        this.flags = flags;
        this.models = models;
        this.sentiment = sentiment;
        this.customerModels = customerModels;
        this.taxonomies = taxonomies;
        this.store = store;
        this.transactions = transactions;
        this.events = events;
        this.liveUpdates = liveUpdates;
        this.conversations = conversations;
        this.embeddings = embeddings;
        this.sentimentTimer = Timer.builder(SENTIMENT_LATENCY)
                .description("Sentiment analysis of one message")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters);
        this.categoriesTimer = Timer.builder(CATEGORIES_LATENCY)
                .description("Categorisation of one message")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters);
    }

    public Result analyse(CustomerId customer, ConversationId conversation, MessageId message, boolean force) {
        return analyse(customer, conversation, message, force, () -> {});
    }

    /**
     * Like {@link #analyse(CustomerId, ConversationId, MessageId, boolean)}; {@code inTransaction} runs in the
     * transaction that stores the results (the live job marks itself done there: {@code Jobs.completeWithin}).
     */
    Result analyse(
            CustomerId customer,
            ConversationId conversation,
            MessageId message,
            boolean force,
            Runnable inTransaction) {
        var before = transactions.readInTenant(
                customer,
                () -> conversations
                        .facts(customer, conversation)
                        .flatMap(facts -> facts.recentMessage(message)
                                .map(m -> new MessageText(
                                        m.id(), conversation, customer, m.authorType(), false, m.text(), m.createdAt()))
                                .or(() -> source.text(customer, conversation, message))
                                .map(text -> before(customer, text, facts, force))));
        if (before.isEmpty()) {
            return Result.NOT_FOUND;
        }
        var text = before.get().message();
        if (text.authorType() != AuthorType.CONTACT || text.internal()) {
            return Result.NOT_CONTACT;
        }
        return analyse(customer, before.get(), force, inTransaction);
    }

    Result analyse(CustomerId customer, MessageText message, boolean force) {
        var before = transactions.readInTenant(
                customer,
                () -> conversations
                        .facts(customer, message.conversationId())
                        .map(facts -> before(customer, message, facts, force)));
        return before.isEmpty() ? Result.NOT_FOUND : analyse(customer, before.get(), force, () -> {});
    }

    /**
     * What the analysis reads before it runs, in one read transaction: the message (from the conversation's recent
     * messages when it is one of them), whether it is analysed, the retired categories and the conversation's facts
     * that {@link MessageAnalysed} carries to its listeners.
     */
    private record Before(MessageText message, boolean analysed, Set<String> retired, ConversationFacts facts) {}

    private Before before(CustomerId customer, MessageText message, ConversationFacts facts, boolean force) {
        return new Before(
                message, !force && store.analysed(customer, message.id()), taxonomies.retired(customer), facts);
    }

    private Result analyse(CustomerId customer, Before before, boolean force, Runnable inTransaction) {
        var message = before.message();
        var sentimentOn = flags.isEnabled(customer, Feature.SENTIMENT_ANALYSIS);
        var categoriesOn = flags.isEnabled(customer, Feature.AUTO_CATEGORIZATION);
        if (!sentimentOn && !categoriesOn) {
            return Result.DISABLED;
        }
        if (before.analysed()) {
            return Result.ALREADY_ANALYSED;
        }
        var adapter = customerModels.adapter(customer);
        var result = compute(customer, message, adapter, sentimentOn, categoriesOn ? before.retired() : null);
        var vectors = embeddings.embed(List.of(message));
        var models = new ArrayList<String>();
        if (result.sentiment() != null) {
            models.add(result.sentiment().model());
        }
        if (categoriesOn) {
            models.add(this.models.categories().version() + (adapter.corrections() > 0 ? "+adapter" : ""));
        }
        return transactions.inTenant(customer, () -> {
            store.lock(message.id());
            if (!force) {
                if (store.analysed(customer, message.id())) {
                    return Result.ALREADY_ANALYSED;
                }
                // nothing is stored for the message (checked under its lock), so what is stored now is the model's
                // results as the columns keep them: published without reading them back
                store.insertModelResults(customer, message.conversationId(), List.of(result));
                embeddings.storeAll(customer, vectors);
                var stored = AnalysisStore.asStored(result);
                publish(
                        customer,
                        message.conversationId(),
                        message.id(),
                        List.copyOf(models),
                        message.text(),
                        before.facts(),
                        stored.sentiment(),
                        stored.categories());
                inTransaction.run();
                return Result.ANALYSED;
            }
            if (result.sentiment() != null) {
                store.upsertSentiment(
                        customer, message.conversationId(), message.id(), result.sentiment(), result.latencyMicros());
            }
            if (categoriesOn) {
                store.replaceModelCategories(customer, message.conversationId(), message.id(), result.categories());
            }
            embeddings.storeAll(customer, vectors);
            publish(
                    customer,
                    message.conversationId(),
                    message.id(),
                    List.copyOf(models),
                    message.text(),
                    before.facts());
            inTransaction.run();
            return Result.ANALYSED;
        });
    }

    /** One message of a batch: the job's conversation (its parent) and message (its subject). */
    record Pending(ConversationId conversation, MessageId message) {}

    /** What the batch reads before the models run, in one read transaction. */
    private record BatchRead(
            Map<ConversationId, ConversationFacts> facts,
            Map<MessageId, uk.co.omniops.conversation.Message> older,
            Set<MessageId> analysed,
            Set<String> retired) {}

    /** A message of the batch to analyse: its text, its conversation's facts and the models' results. */
    private record Analysis(
            MessageText message, ConversationFacts facts, AnalysisStore.ModelResult result, List<String> models) {}

    /**
     * Analyses a batch of one customer's messages (live jobs under load; one message when the queue is idle) with a
     * bounded number of statements whatever the batch's size: one read transaction (the conversations' facts and
     * newest messages: two statements; the texts of messages older than those: one; analysed already? one; the
     * retired categories: one), the models outside any transaction, then one write transaction: the advisory locks of
     * all messages (one statement, in id order), analysed already? (one: a redelivery stops here), the sentiments and
     * the categories (one multi-row insert each), {@link MessageAnalysed} per message in the order of its conversation
     * and creation (its listeners — prediction, escalation, the inbox's sentiment — run in this unit of work; the
     * conversation-id order keeps two batches' row locks in the same order), and {@code inTransaction} (the jobs
     * marked done). Live updates of the transaction are merged per conversation and sent after commit.
     *
     * @return the result per message
     */
    Map<MessageId, Result> analyseAll(CustomerId customer, List<Pending> batch, Runnable inTransaction) {
        var results = new java.util.LinkedHashMap<MessageId, Result>();
        var sentimentOn = flags.isEnabled(customer, Feature.SENTIMENT_ANALYSIS);
        var categoriesOn = flags.isEnabled(customer, Feature.AUTO_CATEGORIZATION);
        if (!sentimentOn && !categoriesOn) {
            batch.forEach(p -> results.put(p.message(), Result.DISABLED));
            return results;
        }
        var ids = batch.stream().map(Pending::message).distinct().toList();
        var read = transactions.readInTenant(customer, () -> {
            var facts = conversations.facts(
                    customer,
                    batch.stream().map(Pending::conversation).distinct().toList());
            var older = batch.stream()
                    .filter(p -> !facts.containsKey(p.conversation())
                            || facts.get(p.conversation())
                                    .recentMessage(p.message())
                                    .isEmpty())
                    .map(Pending::message)
                    .distinct()
                    .toList();
            return new BatchRead(
                    facts,
                    older.isEmpty() ? Map.of() : conversations.messages(customer, older),
                    store.analysedAmong(customer, ids),
                    categoriesOn ? taxonomies.retired(customer) : Set.of());
        });
        var adapter = customerModels.adapter(customer);
        var todo = new ArrayList<Analysis>();
        var seen = new java.util.HashSet<MessageId>();
        for (var pending : batch) {
            if (!seen.add(pending.message())) {
                continue;
            }
            var facts = read.facts().get(pending.conversation());
            var text = facts == null
                    ? null
                    : facts.recentMessage(pending.message())
                            .map(m -> new MessageText(
                                    m.id(),
                                    pending.conversation(),
                                    customer,
                                    m.authorType(),
                                    false,
                                    m.text(),
                                    m.createdAt()))
                            .orElseGet(() -> {
                                var m = read.older().get(pending.message());
                                return m == null || !m.conversationId().equals(pending.conversation())
                                        ? null
                                        : new MessageText(
                                                m.id(),
                                                m.conversationId(),
                                                customer,
                                                m.authorType(),
                                                m.internal(),
                                                m.text(),
                                                m.createdAt());
                            });
            if (text == null) {
                results.put(pending.message(), Result.NOT_FOUND);
            } else if (text.authorType() != AuthorType.CONTACT || text.internal()) {
                results.put(pending.message(), Result.NOT_CONTACT);
            } else if (read.analysed().contains(pending.message())) {
                results.put(pending.message(), Result.ALREADY_ANALYSED);
            } else {
                var result = compute(customer, text, adapter, sentimentOn, categoriesOn ? read.retired() : null);
                var models = new ArrayList<String>();
                if (result.sentiment() != null) {
                    models.add(result.sentiment().model());
                }
                if (categoriesOn) {
                    models.add(this.models.categories().version() + (adapter.corrections() > 0 ? "+adapter" : ""));
                }
                todo.add(new Analysis(text, facts, result, List.copyOf(models)));
            }
        }
        if (todo.isEmpty()) {
            return results;
        }
        todo.sort(java.util.Comparator.comparing(
                        (Analysis a) -> a.message().conversationId().value())
                .thenComparing(a -> a.message().createdAt())
                .thenComparing(a -> a.message().id().value()));
        var conversationOf = new java.util.HashMap<MessageId, ConversationId>();
        todo.forEach(a -> conversationOf.put(a.message().id(), a.message().conversationId()));
        // the sentence vectors, outside the transaction (the encoder's cache holds most of them already)
        var vectors = embeddings.embed(todo.stream().map(Analysis::message).toList());
        var stored = transactions.inTenant(customer, () -> {
            var todoIds = todo.stream().map(a -> a.message().id()).toList();
            store.lockAll(todoIds);
            var meanwhile = store.analysedAmong(customer, todoIds);
            var fresh = todo.stream()
                    .filter(a -> !meanwhile.contains(a.message().id()))
                    .toList();
            store.insertModelResults(
                    customer, fresh.stream().map(Analysis::result).toList(), conversationOf::get);
            embeddings.storeAll(
                    customer,
                    vectors.stream()
                            .filter(v -> !meanwhile.contains(v.message()))
                            .toList());
            publishAll(
                    customer,
                    fresh.stream()
                            .map(a -> {
                                var asStored = AnalysisStore.asStored(a.result());
                                return new MessageAnalysed(
                                        a.message().id(),
                                        a.message().conversationId(),
                                        customer,
                                        asStored.sentiment(),
                                        asStored.categories(),
                                        a.models(),
                                        a.message().text(),
                                        a.facts());
                            })
                            .toList());
            inTransaction.run();
            return fresh.stream().map(a -> a.message().id()).collect(java.util.stream.Collectors.toSet());
        });
        todo.forEach(a -> results.put(
                a.message().id(), stored.contains(a.message().id()) ? Result.ANALYSED : Result.ALREADY_ANALYSED));
        return results;
    }

    /**
     * The backfill of one conversation: analyses its contact messages that have no analysis yet and returns how
     * many it stored. An open conversation takes the live path message by message (escalation, prediction and
     * suggestions react to each). A resolved one is stored in one tenant transaction, with batched inserts and
     * one {@code message.analysed} live update, and without {@link MessageAnalysed}: every listener of that event
     * ignores resolved conversations (docs/decisions/015-backfill-by-conversation.md).
     */
    public int backfill(CustomerId customer, ConversationId conversation) {
        var details = conversations.find(customer, conversation);
        if (details.isEmpty()) {
            return 0;
        }
        var contact = details.get().messages().stream()
                .filter(m -> m.authorType() == AuthorType.CONTACT && !m.internal())
                .map(ConversationMessageSource::text)
                .toList();
        if (details.get().conversation().status() != ConversationStatus.RESOLVED) {
            return (int) contact.stream()
                    .filter(m -> analyse(customer, m, false) == Result.ANALYSED)
                    .count();
        }
        var sentimentOn = flags.isEnabled(customer, Feature.SENTIMENT_ANALYSIS);
        var categoriesOn = flags.isEnabled(customer, Feature.AUTO_CATEGORIZATION);
        if (contact.isEmpty() || (!sentimentOn && !categoriesOn)) {
            return 0;
        }
        var ids = contact.stream().map(MessageText::id).toList();
        var read = transactions.readInTenant(
                customer, () -> Map.entry(store.analysedAmong(customer, ids), taxonomies.retired(customer)));
        var pending =
                contact.stream().filter(m -> !read.getKey().contains(m.id())).toList();
        if (pending.isEmpty()) {
            return 0;
        }
        var adapter = customerModels.adapter(customer);
        var retired = categoriesOn ? read.getValue() : null;
        var results = pending.stream()
                .map(m -> compute(customer, m, adapter, sentimentOn, retired))
                .toList();
        var vectors = embeddings.embed(pending);
        var latest = pending.getLast();
        return transactions.inTenant(customer, () -> {
            store.lockAll(
                    results.stream().map(AnalysisStore.ModelResult::message).toList());
            var meanwhile = store.analysedAmong(customer, ids); // a live job may have analysed some since the read
            var fresh = results.stream()
                    .filter(r -> !meanwhile.contains(r.message()))
                    .toList();
            if (fresh.isEmpty()) {
                return 0;
            }
            store.insertModelResults(customer, conversation, fresh);
            embeddings.storeAll(customer, vectors);
            store.sentiment(customer, latest.id())
                    .filter(s -> SENTIMENT_LABELS.contains(s.label()) && s.score() >= 0 && s.score() <= 1)
                    .ifPresent(s ->
                            conversations.recordSentiment(customer, conversation, latest.id(), s.score(), s.label()));
            liveUpdates.publish(LiveUpdate.of(customer.value(), ANALYSED_UPDATE, conversation.value()));
            return fresh.size();
        });
    }

    /** The model's answers for one message: sentiment when on, categories (without retired ones) when {@code retired} is given. */
    private AnalysisStore.ModelResult compute(
            CustomerId customer,
            MessageText message,
            CustomerAdapter adapter,
            boolean sentimentOn,
            @Nullable Set<String> retired) {
        MessageAnalysed.Sentiment sentimentResult = null;
        var micros = 0L;
        if (sentimentOn) {
            var started = System.nanoTime();
            var r = sentiment.analyse(customer, message.text(), adapter);
            micros = (System.nanoTime() - started) / 1_000;
            sentimentTimer.record(micros, TimeUnit.MICROSECONDS);
            sentimentResult = new MessageAnalysed.Sentiment(
                    r.score(),
                    r.label(),
                    r.confidence(),
                    r.model() + (adapter.corrections() > 0 && !r.model().startsWith("openai:") ? "+adapter" : ""));
        }
        List<MessageAnalysed.Category> categories = List.of();
        if (retired != null) {
            var started = System.nanoTime();
            categories = models.categories().classify(message.text(), adapter).stream()
                    .filter(c -> !retired.contains(c.key()))
                    .map(c -> new MessageAnalysed.Category(c.key(), c.confidence(), "model"))
                    .toList();
            categoriesTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        return new AnalysisStore.ModelResult(message.id(), sentimentResult, micros, categories);
    }

    /**
     * Publishes what is stored now (an agent's label wins over the model's) inside the caller's tenant transaction
     * (after a correction): reads the message's text and the conversation's facts the event carries.
     */
    void publish(CustomerId customer, ConversationId conversation, MessageId message, List<String> models) {
        var facts = conversations.facts(customer, conversation).orElseThrow();
        var text = facts.recentMessage(message)
                .map(ConversationFacts.RecentMessage::text)
                .or(() -> source.text(customer, conversation, message).map(MessageText::text))
                .orElseThrow();
        publish(customer, conversation, message, models, text, facts);
    }

    /**
     * Publishes what is stored now inside the caller's tenant transaction: {@link MessageAnalysed} (its listeners in
     * this unit of work and through the event registry; the conversation module keeps the latest sentiment from it),
     * the live update after commit.
     */
    private void publish(
            CustomerId customer,
            ConversationId conversation,
            MessageId message,
            List<String> models,
            String text,
            ConversationFacts facts) {
        var stored = store.sentiment(customer, message).orElse(null);
        var retired = taxonomies.retired(customer);
        var categories = store.categories(customer, message).stream()
                .filter(c -> !retired.contains(c.key()))
                .toList();
        publish(customer, conversation, message, models, text, facts, stored, categories);
    }

    private void publish(
            CustomerId customer,
            ConversationId conversation,
            MessageId message,
            List<String> models,
            String text,
            ConversationFacts facts,
            MessageAnalysed.@Nullable Sentiment stored,
            List<MessageAnalysed.Category> categories) {
        publishAll(
                customer,
                List.of(new MessageAnalysed(message, conversation, customer, stored, categories, models, text, facts)));
    }

    /**
     * Publishes one analysis transaction's results: {@link MessagesAnalysed} (the listeners that store per batch:
     * prediction, the inbox's sentiment), then each {@link MessageAnalysed} (escalation rules, suggestions) and its
     * live update (merged per conversation in the transaction, sent after commit).
     */
    private void publishAll(CustomerId customer, List<MessageAnalysed> analysed) {
        if (analysed.isEmpty()) {
            return;
        }
        events.publishEvent(new MessagesAnalysed(customer, analysed));
        for (var event : analysed) {
            events.publishEvent(event);
            liveUpdates.publish(LiveUpdate.of(
                    customer.value(), ANALYSED_UPDATE, event.conversationId().value()));
        }
    }
}
