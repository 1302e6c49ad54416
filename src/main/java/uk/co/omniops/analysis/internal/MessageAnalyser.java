package uk.co.omniops.analysis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.analysis.MessageSource.MessageText;
import uk.co.omniops.analysis.model.CustomerAdapter;
import uk.co.omniops.conversation.AuthorType;
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
 */
@Component
public class MessageAnalyser {

    public static final String SENTIMENT_LATENCY = "omniops.sentiment.latency";
    public static final String CATEGORIES_LATENCY = "omniops.categories.latency";
    static final String ANALYSED_UPDATE = "message.analysed";
    private static final java.util.Set<String> SENTIMENT_LABELS = java.util.Set.of("negative", "neutral", "positive");

    public enum Result { ANALYSED, ALREADY_ANALYSED, NOT_FOUND, NOT_CONTACT, DISABLED }

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
    private final Timer sentimentTimer;
    private final Timer categoriesTimer;

    MessageAnalyser(MessageSource source, FeatureFlags flags, Models models, SentimentAnalyser sentiment,
            CustomerModels customerModels, CustomerTaxonomies taxonomies, AnalysisStore store,
            TenantTransactions transactions, ApplicationEventPublisher events, LiveUpdates liveUpdates,
            ConversationManagement conversations, MeterRegistry meters) {
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
        this.sentimentTimer = Timer.builder(SENTIMENT_LATENCY).description("Sentiment analysis of one message")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram().register(meters);
        this.categoriesTimer = Timer.builder(CATEGORIES_LATENCY).description("Categorisation of one message")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram().register(meters);
    }

    public Result analyse(CustomerId customer, ConversationId conversation, MessageId message, boolean force) {
        var text = source.text(customer, conversation, message);
        if (text.isEmpty()) {
            return Result.NOT_FOUND;
        }
        if (text.get().authorType() != AuthorType.CONTACT || text.get().internal()) {
            return Result.NOT_CONTACT;
        }
        return analyse(customer, text.get(), force);
    }

    Result analyse(CustomerId customer, MessageText message, boolean force) {
        var sentimentOn = flags.isEnabled(customer, Feature.SENTIMENT_ANALYSIS);
        var categoriesOn = flags.isEnabled(customer, Feature.AUTO_CATEGORIZATION);
        if (!sentimentOn && !categoriesOn) {
            return Result.DISABLED;
        }
        if (!force && transactions.readInTenant(customer, () -> store.analysed(customer, message.id()))) {
            return Result.ALREADY_ANALYSED;
        }
        var adapter = customerModels.adapter(customer);
        var models = new ArrayList<String>();
        MessageAnalysed.Sentiment sentimentResult = null;
        var sentimentMicros = 0L;
        if (sentimentOn) {
            var started = System.nanoTime();
            var r = sentiment.analyse(customer, message.text(), adapter);
            sentimentMicros = (System.nanoTime() - started) / 1_000;
            sentimentTimer.record(sentimentMicros, TimeUnit.MICROSECONDS);
            var model = r.model() + (adapter.corrections() > 0 && !r.model().startsWith("openai:") ? "+adapter" : "");
            sentimentResult = new MessageAnalysed.Sentiment(r.score(), r.label(), r.confidence(), model);
            models.add(model);
        }
        List<MessageAnalysed.Category> categories = List.of();
        if (categoriesOn) {
            categories = categorise(customer, message.text(), adapter);
            models.add(this.models.categories().version() + (adapter.corrections() > 0 ? "+adapter" : ""));
        }
        var finalSentiment = sentimentResult;
        var finalCategories = categories;
        var latency = sentimentMicros;
        return transactions.inTenant(customer, () -> {
            store.lock(message.id());
            if (!force && store.analysed(customer, message.id())) {
                return Result.ALREADY_ANALYSED;
            }
            if (finalSentiment != null) {
                store.upsertSentiment(customer, message.conversationId(), message.id(), finalSentiment, latency);
            }
            if (categoriesOn) {
                store.replaceModelCategories(customer, message.conversationId(), message.id(), finalCategories);
            }
            publish(customer, message.conversationId(), message.id(), List.copyOf(models));
            return Result.ANALYSED;
        });
    }

    List<MessageAnalysed.Category> categorise(CustomerId customer, String text, CustomerAdapter adapter) {
        var started = System.nanoTime();
        var scores = models.categories().classify(text, adapter);
        categoriesTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        var retired = transactions.readInTenant(customer, () -> taxonomies.retired(customer));
        return scores.stream().filter(s -> !retired.contains(s.key()))
                .map(s -> new MessageAnalysed.Category(s.key(), s.confidence(), "model")).toList();
    }

    /**
     * Publishes what is stored now (an agent's label wins over the model's) inside the caller's tenant
     * transaction: {@link MessageAnalysed} through the event registry, the live update after commit. The stored
     * sentiment also becomes the conversation's latest (the inbox sorts and filters by it).
     */
    void publish(CustomerId customer, ConversationId conversation, MessageId message, List<String> models) {
        var stored = store.sentiment(customer, message).orElse(null);
        if (stored != null && SENTIMENT_LABELS.contains(stored.label()) && stored.score() >= 0 && stored.score() <= 1) {
            conversations.recordSentiment(customer, conversation, message, stored.score(), stored.label());
        }
        var retired = taxonomies.retired(customer);
        var categories = store.categories(customer, message).stream().filter(c -> !retired.contains(c.key())).toList();
        events.publishEvent(new MessageAnalysed(message, conversation, customer, stored, categories, models));
        liveUpdates.publish(LiveUpdate.of(customer.value(), ANALYSED_UPDATE, conversation.value()));
    }
}
