package uk.co.omniops.analysis.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.analysis.MessageSource.MessageText;
import uk.co.omniops.analysis.MessagesAnalysed;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationFacts;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
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
 *
 * <p>About 400 lines because its three paths (one message, a batch of live jobs, the re-publish after a correction)
 * share the read before the models, the store and the publishing; the models' run is {@link ModelRun}, the backfill
 * of resolved conversations {@link BackfillAnalysisJobs}.
 */
@Component
public class MessageAnalyser {

    public static final String SENTIMENT_LATENCY = "omniops.sentiment.latency";
    public static final String CATEGORIES_LATENCY = "omniops.categories.latency";
    static final LiveUpdate.Kind ANALYSED_UPDATE = LiveUpdate.Kind.MESSAGE_ANALYSED;

    public enum Result {
        ANALYSED,
        ALREADY_ANALYSED,
        NOT_FOUND,
        NOT_CONTACT,
        DISABLED
    }

    private final MessageSource source;
    private final FeatureFlags flags;
    private final ModelRun modelRun;
    private final CustomerModels customerModels;
    private final CustomerTaxonomies taxonomies;
    private final AnalysisStore store;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final LiveUpdates liveUpdates;
    private final ConversationManagement conversations;
    private final MessageEmbeddings embeddings;

    MessageAnalyser(
            MessageSource source,
            FeatureFlags flags,
            ModelRun modelRun,
            CustomerModels customerModels,
            CustomerTaxonomies taxonomies,
            AnalysisStore store,
            TenantTransactions transactions,
            ApplicationEventPublisher events,
            LiveUpdates liveUpdates,
            ConversationManagement conversations,
            MessageEmbeddings embeddings) {
        this.source = source;
        this.flags = flags;
        this.modelRun = modelRun;
        this.customerModels = customerModels;
        this.taxonomies = taxonomies;
        this.store = store;
        this.transactions = transactions;
        this.events = events;
        this.liveUpdates = liveUpdates;
        this.conversations = conversations;
        this.embeddings = embeddings;
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
        var result = modelRun.compute(customer, message, adapter, sentimentOn, categoriesOn ? before.retired() : null);
        var vectors = embeddings.embed(List.of(message));
        var models = modelRun.names(result, categoriesOn, adapter);
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
                        models,
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
            publish(customer, message.conversationId(), message.id(), models, message.text(), before.facts());
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
        var results = new LinkedHashMap<MessageId, Result>();
        var sentimentOn = flags.isEnabled(customer, Feature.SENTIMENT_ANALYSIS);
        var categoriesOn = flags.isEnabled(customer, Feature.AUTO_CATEGORIZATION);
        if (!sentimentOn && !categoriesOn) {
            batch.forEach(p -> results.put(p.message(), Result.DISABLED));
            return results;
        }
        var read = transactions.readInTenant(customer, () -> readBatch(customer, batch, categoriesOn));
        var adapter = customerModels.adapter(customer);
        var todo = new ArrayList<Analysis>();
        var seen = new HashSet<MessageId>();
        for (var pending : batch) {
            if (!seen.add(pending.message())) {
                continue;
            }
            var facts = read.facts().get(pending.conversation());
            var text = facts == null ? null : textOf(customer, pending, facts, read);
            if (text == null) {
                results.put(pending.message(), Result.NOT_FOUND);
            } else if (text.authorType() != AuthorType.CONTACT || text.internal()) {
                results.put(pending.message(), Result.NOT_CONTACT);
            } else if (read.analysed().contains(pending.message())) {
                results.put(pending.message(), Result.ALREADY_ANALYSED);
            } else {
                var result =
                        modelRun.compute(customer, text, adapter, sentimentOn, categoriesOn ? read.retired() : null);
                todo.add(new Analysis(text, facts, result, modelRun.names(result, categoriesOn, adapter)));
            }
        }
        if (todo.isEmpty()) {
            return results;
        }
        todo.sort(Comparator.comparing(
                        (Analysis a) -> a.message().conversationId().value())
                .thenComparing(a -> a.message().createdAt())
                .thenComparing(a -> a.message().id().value()));
        var stored = storeBatch(customer, todo, inTransaction);
        todo.forEach(a -> results.put(
                a.message().id(), stored.contains(a.message().id()) ? Result.ANALYSED : Result.ALREADY_ANALYSED));
        return results;
    }

    /** The batch's read transaction: the conversations' facts, older messages' texts, analysed already, retired. */
    private BatchRead readBatch(CustomerId customer, List<Pending> batch, boolean categoriesOn) {
        var ids = batch.stream().map(Pending::message).distinct().toList();
        var facts = conversations.facts(
                customer, batch.stream().map(Pending::conversation).distinct().toList());
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
    }

    /** A pending message's text: from its conversation's recent messages, else from the older ones read. */
    private static @Nullable MessageText textOf(
            CustomerId customer, Pending pending, ConversationFacts facts, BatchRead read) {
        return facts.recentMessage(pending.message())
                .map(m -> new MessageText(
                        m.id(), pending.conversation(), customer, m.authorType(), false, m.text(), m.createdAt()))
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
    }

    /**
     * The batch's write transaction (the vectors computed before it): locks, analysed meanwhile?, the results and
     * vectors of the rest, their events; returns the messages stored.
     */
    private Set<MessageId> storeBatch(CustomerId customer, List<Analysis> todo, Runnable inTransaction) {
        var conversationOf = new HashMap<MessageId, ConversationId>();
        todo.forEach(a -> conversationOf.put(a.message().id(), a.message().conversationId()));
        // the sentence vectors, outside the transaction (the encoder's cache holds most of them already)
        var vectors = embeddings.embed(todo.stream().map(Analysis::message).toList());
        return transactions.inTenant(customer, () -> {
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
            publishAll(customer, fresh.stream().map(a -> analysed(customer, a)).toList());
            inTransaction.run();
            return fresh.stream().map(a -> a.message().id()).collect(Collectors.toSet());
        });
    }

    private static MessageAnalysed analysed(CustomerId customer, Analysis a) {
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
