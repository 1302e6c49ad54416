package uk.co.omniops.analysis.internal;

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

    private static final Logger log = LoggerFactory.getLogger(AnalysisJobs.class);

    private final Jobs jobs;
    private final FeatureFlags flags;
    private final MessageAnalyser analyser;

    AnalysisJobs(Jobs jobs, FeatureFlags flags, MessageAnalyser analyser) {
        this.jobs = jobs;
        this.flags = flags;
        this.analyser = analyser;
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
        jobs.enqueueWithin(TYPE, event.customerId().value(), event.messageId().value(), event.conversationId().value());
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
        var result = analyser.analyse(new CustomerId(job.customerId()), new ConversationId(job.parentId()),
                new MessageId(job.subjectId()), false, () -> jobs.completeWithin(job));
        log.debug("{} of message {}: {}", job.type(), job.subjectId(), result);
    }

    /** The work of a live or a backfill job: the job's message, in its conversation (the parent), unless done. */
    static void analyse(MessageAnalyser analyser, Jobs.Job job) {
        if (job.parentId() == null) {
            throw new IllegalStateException(job.type() + " job " + job.id() + " has no conversation id");
        }
        var result = analyser.analyse(new CustomerId(job.customerId()), new ConversationId(job.parentId()),
                new MessageId(job.subjectId()), false);
        log.debug("{} of message {}: {}", job.type(), job.subjectId(), result);
    }
}
