package uk.co.omniops.analysis.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

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
 * Turns every contact message into an {@code analysis} job (agents' replies are not analysed) and runs those
 * jobs. The listener only records the job (idempotent per message), so the event is done quickly; the work is
 * distributed by the job queue.
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
     * No surrounding transaction: the queue stores the job in its own, and a tenant transaction started here
     * would be joined (without its tenant) by nested work.
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessageReceived event) {
        if (event.authorType() != AuthorType.CONTACT) {
            return;
        }
        if (!flags.isEnabled(event.customerId(), Feature.SENTIMENT_ANALYSIS)
                && !flags.isEnabled(event.customerId(), Feature.AUTO_CATEGORIZATION)) {
            return;
        }
        jobs.enqueue(TYPE, event.customerId().value(), event.messageId().value(), event.conversationId().value());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(Jobs.Job job) {
        analyse(analyser, job);
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
