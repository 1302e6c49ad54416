package uk.co.omniops.analysis.internal;

import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.MessageSource.MessageText;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.platform.JobHandler;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Runs the analysis jobs of {@code backfill-sentiment}, one per conversation ({@link #backfill}), as a
 * background type with its own stream, so that a backfill of a million old messages does not queue in front of live
 * messages (before, live badges waited behind the backfill: oldest pending job 490–540 s, docs/benchmarks.md §5b). A
 * message analysed meanwhile by a live job is not analysed again. Jobs enqueued by an earlier version name one
 * message (subject) in its conversation (parent) and still run as such.
 */
@Component
class BackfillAnalysisJobs implements JobHandler {

    static final String TYPE = "analysis-backfill";

    private static final Logger log = LoggerFactory.getLogger(BackfillAnalysisJobs.class);

    private static final Set<String> SENTIMENT_LABELS = Set.of("negative", "neutral", "positive");

    private final MessageAnalyser analyser;
    private final ModelRun modelRun;
    private final FeatureFlags flags;
    private final CustomerModels customerModels;
    private final CustomerTaxonomies taxonomies;
    private final AnalysisStore store;
    private final MessageEmbeddings embeddings;
    private final ConversationManagement conversations;
    private final TenantTransactions transactions;
    private final LiveUpdates liveUpdates;

    BackfillAnalysisJobs(
            MessageAnalyser analyser,
            ModelRun modelRun,
            FeatureFlags flags,
            CustomerModels customerModels,
            CustomerTaxonomies taxonomies,
            AnalysisStore store,
            MessageEmbeddings embeddings,
            ConversationManagement conversations,
            TenantTransactions transactions,
            LiveUpdates liveUpdates) {
        this.analyser = analyser;
        this.modelRun = modelRun;
        this.flags = flags;
        this.customerModels = customerModels;
        this.taxonomies = taxonomies;
        this.store = store;
        this.embeddings = embeddings;
        this.conversations = conversations;
        this.transactions = transactions;
        this.liveUpdates = liveUpdates;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean background() {
        return true;
    }

    @Override
    public void handle(Jobs.Job job) {
        if (job.parentId() != null) {
            AnalysisJobs.analyse(analyser, job);
            return;
        }
        var analysed = backfill(new CustomerId(job.customerId()), new ConversationId(job.subjectId()));
        log.debug("{} of conversation {}: {} message(s) analysed", TYPE, job.subjectId(), analysed);
    }

    /**
     * The backfill of one conversation: analyses its contact messages that have no analysis yet and returns how
     * many it stored. An open conversation takes the live path message by message (escalation, prediction and
     * suggestions react to each). A resolved one is stored in one tenant transaction, with batched inserts and
     * one {@code message.analysed} live update, and without {@link MessageAnalysed}: every listener of that event
     * ignores resolved conversations (docs/decisions/015-backfill-by-conversation.md).
     */
    int backfill(CustomerId customer, ConversationId conversation) {
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
                    .filter(m -> analyser.analyse(customer, m, false) == MessageAnalyser.Result.ANALYSED)
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
                .map(m -> modelRun.compute(customer, m, adapter, sentimentOn, retired))
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
            liveUpdates.publish(LiveUpdate.of(customer.value(), MessageAnalyser.ANALYSED_UPDATE, conversation.value()));
            return fresh.size();
        });
    }
}
