package uk.co.omniops.analysis.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.MessageReceived;
import uk.co.omniops.platform.JobHandler;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Turns every contact message into an {@code analysis} job (agents' replies are not analysed), in the message's own
 * transaction, and runs those jobs; the work is distributed by the job queue.
 */
@Component
class AnalysisJobs implements JobHandler {

    static final String TYPE = "analysis";
    static final String BATCH_SIZE_METRIC = "omniops.analysis.batch_size";

    private static final Logger log = LoggerFactory.getLogger(AnalysisJobs.class);

    private final Jobs jobs;
    private final FeatureFlags flags;
    private final MessageAnalyser analyser;
    private final DistributionSummary batchSizes;

    AnalysisJobs(Jobs jobs, FeatureFlags flags, MessageAnalyser analyser, MeterRegistry meters) {
        this.jobs = jobs;
        this.flags = flags;
        this.analyser = analyser;
        this.batchSizes = DistributionSummary.builder(BATCH_SIZE_METRIC)
                .description("Analysis jobs run together by one worker (1 when the queue is idle)")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
    }

    /**
     * In the transaction that stored the message (a plain, synchronous listener): the job row commits with the
     * message or not at all, so this boundary needs no event publication of its own; the job row is the durable
     * record and the queue delivers it at least once after commit (docs/decisions/009-analysis-pipeline.md).
     */
    @EventListener
    void on(MessageReceived event) {
        if (event.authorType() != AuthorType.CONTACT) {
            return;
        }
        if (!flags.isEnabled(event.customerId(), Feature.SENTIMENT_ANALYSIS)
                && !flags.isEnabled(event.customerId(), Feature.AUTO_CATEGORIZATION)) {
            return;
        }
        jobs.enqueueWithin(
                TYPE,
                event.customerId().value(),
                event.messageId().value(),
                event.conversationId().value());
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The job is marked done in the transaction that stores the analysis (one transaction fewer per message). */
    @Override
    public void handle(Jobs.Job job) {
        if (job.parentId() == null) {
            throw new IllegalStateException(job.type() + " job " + job.id() + " has no conversation id");
        }
        batchSizes.record(1);
        var result = analyser.analyse(
                new CustomerId(job.customerId()),
                new ConversationId(job.parentId()),
                new MessageId(job.subjectId()),
                false,
                () -> jobs.completeWithin(job));
        log.debug("{} of message {}: {}", job.type(), job.subjectId(), result);
    }

    /**
     * Analysis jobs run in batches: a worker takes what is waiting (one job when the queue is idle, up to
     * {@code omniops.jobs.batch-size} under a burst).
     */
    @Override
    public boolean batches() {
        return true;
    }

    /**
     * A batch of analysis jobs, per customer (each customer's work in its own tenant transactions, decision 002): one
     * read, the models, one write that also marks the customer's jobs done ({@link MessageAnalyser#analyseAll}). A
     * failure fails the whole batch and the runner runs its jobs that were not stored one by one.
     */
    @Override
    public void handleAll(List<Jobs.Job> batch) {
        var byCustomer = new LinkedHashMap<CustomerId, List<Jobs.Job>>();
        for (var job : batch) {
            if (job.parentId() == null) {
                throw new IllegalStateException(job.type() + " job " + job.id() + " has no conversation id");
            }
            byCustomer
                    .computeIfAbsent(new CustomerId(job.customerId()), c -> new ArrayList<>())
                    .add(job);
        }
        batchSizes.record(batch.size());
        byCustomer.forEach((customer, jobsOfCustomer) -> {
            var results = analyser.analyseAll(
                    customer,
                    jobsOfCustomer.stream()
                            .map(j -> new MessageAnalyser.Pending(
                                    new ConversationId(Objects.requireNonNull(j.parentId())),
                                    new MessageId(j.subjectId())))
                            .toList(),
                    () -> jobs.completeWithin(jobsOfCustomer));
            log.debug("{} batch of {} messages of customer {}: {}", TYPE, jobsOfCustomer.size(), customer, results);
        });
    }

    /** The work of a live or a backfill job: the job's message, in its conversation (the parent), unless done. */
    static void analyse(MessageAnalyser analyser, Jobs.Job job) {
        if (job.parentId() == null) {
            throw new IllegalStateException(job.type() + " job " + job.id() + " has no conversation id");
        }
        var result = analyser.analyse(
                new CustomerId(job.customerId()),
                new ConversationId(job.parentId()),
                new MessageId(job.subjectId()),
                false);
        log.debug("{} of message {}: {}", job.type(), job.subjectId(), result);
    }
}
