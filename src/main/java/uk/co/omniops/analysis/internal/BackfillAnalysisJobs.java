package uk.co.omniops.analysis.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.platform.JobHandler;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Runs the analysis jobs of {@code backfill-sentiment}, one per conversation ({@link MessageAnalyser#backfill}), as a
 * background type with its own stream, so that a backfill of a million old messages does not queue in front of live
 * messages (before, live badges waited behind the backfill: oldest pending job 490–540 s, docs/benchmarks.md §5b). A
 * message analysed meanwhile by a live job is not analysed again. Jobs enqueued by an earlier version name one
 * message (subject) in its conversation (parent) and still run as such.
 */
@Component
class BackfillAnalysisJobs implements JobHandler {

    static final String TYPE = "analysis-backfill";

    private static final Logger log = LoggerFactory.getLogger(BackfillAnalysisJobs.class);

    private final MessageAnalyser analyser;

    BackfillAnalysisJobs(MessageAnalyser analyser) {
        this.analyser = analyser;
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
        var analysed = analyser.backfill(new CustomerId(job.customerId()), new ConversationId(job.subjectId()));
        log.debug("{} of conversation {}: {} message(s) analysed", TYPE, job.subjectId(), analysed);
    }
}
