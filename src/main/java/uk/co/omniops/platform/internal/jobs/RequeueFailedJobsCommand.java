package uk.co.omniops.platform.internal.jobs;

import java.io.PrintStream;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import uk.co.omniops.platform.CommandArguments;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.platform.OperationsCommand;

/**
 * {@code requeue-failed-jobs [--dry-run] [--stuck-after=SECONDS]}: re-enqueues failed, dead and stuck jobs from
 * the database (the truth), e.g. after Redis lost its streams. Safe to repeat: handlers are idempotent.
 */
public class RequeueFailedJobsCommand implements OperationsCommand {

    @Override
    public String name() {
        return "requeue-failed-jobs";
    }

    @Override
    public String summary() {
        return "re-enqueue failed, dead and stuck jobs from the database";
    }

    @Override
    public String usage() {
        return """
                --dry-run              count what would be re-enqueued, change nothing
                --stuck-after=SECONDS  queued/running jobs untouched this long count as stuck (default 300)""";
    }

    @Override
    public int run(CommandArguments arguments, @Nullable ApplicationContext context, PrintStream out) {
        arguments.allow(Set.of("dry-run", "stuck-after"));
        var dryRun = arguments.flag("dry-run");
        var stuckAfter = arguments.integer("stuck-after", 300, 0, 7 * 24 * 3600);
        if (context == null) {
            throw new IllegalStateException("requeue-failed-jobs needs the application context");
        }
        out.println((dryRun ? "Dry run: scanning" : "Scanning") + " jobs (stuck after " + stuckAfter + " s)…");
        var report = context.getBean(Jobs.class).requeue(dryRun, stuckAfter);
        report.jobs()
                .forEach((type, byStatus) -> out.println("  " + type + ": "
                        + byStatus.entrySet().stream()
                                .map(e -> e.getKey().dbValue() + "=" + e.getValue())
                                .collect(Collectors.joining(", "))));
        out.println("{\"dry_run\":" + dryRun + ",\"requeued\":" + (dryRun ? 0 : report.total()) + ",\"found\":"
                + report.total() + "}");
        return 0;
    }
}
