package uk.co.omniops.platform.internal.jobs;

import java.time.Instant;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.Pruning;
import uk.co.omniops.platform.RetentionSettings;

/**
 * Finished jobs ({@code done}, {@code failed}, {@code dead}) after {@code omniops.retention.jobs} (14 days) since
 * their last change. Queued and running jobs are never deleted, however old: they are work still to be done.
 */
@Component
class JobRetention implements Pruning {

    private final JobStore store;

    JobRetention(JobStore store) {
        this.store = store;
    }

    @Override
    public String table() {
        return "jobs";
    }

    @Override
    public int prune(Instant now, RetentionSettings retention) {
        var cutoff = now.minus(retention.jobs());
        return Pruning.inBatches(batch -> store.deleteFinishedBefore(cutoff, batch));
    }
}
