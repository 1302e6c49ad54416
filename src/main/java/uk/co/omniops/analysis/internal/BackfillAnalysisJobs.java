package uk.co.omniops.analysis.internal;

import org.springframework.stereotype.Component;

import uk.co.omniops.platform.JobHandler;
import uk.co.omniops.platform.Jobs;

/**
 * Runs the analysis jobs of {@code backfill-sentiment}: the same work as {@link AnalysisJobs}, as a background type
 * with its own stream, so that a backfill of a million old messages does not queue in front of live messages (before,
 * live badges waited behind the backfill: oldest pending job 490–540 s, docs/benchmarks.md §5b). A message analysed
 * meanwhile by a live job is not analysed again.
 */
@Component
class BackfillAnalysisJobs implements JobHandler {

    static final String TYPE = "analysis-backfill";

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
        AnalysisJobs.analyse(analyser, job);
    }
}
