package uk.co.omniops.analysis.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.platform.CommandArguments;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.platform.OperationsCommand;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.Customers;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * {@code backfill-sentiment --days=7 --batch-size=100 [--dry-run]}: enqueues analysis jobs (sentiment and
 * categories) for contact messages of the last N days that have no analysis yet. Idempotent and resumable: it
 * only picks unanalysed messages, and a job per message is unique, so a rerun after a crash continues. The jobs are
 * of the background type {@code analysis-backfill} ({@link BackfillAnalysisJobs}): live messages do not wait behind
 * them.
 */
public class BackfillSentimentCommand implements OperationsCommand {

    @Override
    public String name() {
        return "backfill-sentiment";
    }

    @Override
    public String summary() {
        return "enqueue analysis jobs for recent contact messages that have none";
    }

    @Override
    public String usage() {
        return """
                --days=N          how far back (default 7, 1–365)
                --batch-size=N    messages read per batch (default 100, 1–10000)
                --dry-run         report counts per customer, change nothing""";
    }

    @Override
    public int run(CommandArguments arguments, @Nullable ApplicationContext context, PrintStream out) {
        arguments.allow(Set.of("days", "batch-size", "dry-run"));
        var days = arguments.integer("days", 7, 1, 365);
        var batchSize = arguments.integer("batch-size", 100, 1, 10_000);
        var dryRun = arguments.flag("dry-run");
        if (context == null) {
            throw new IllegalStateException("backfill-sentiment needs the application context");
        }
        var source = context.getBean(MessageSource.class);
        var jobs = context.getBean(Jobs.class);
        var store = context.getBean(AnalysisStore.class);
        var transactions = context.getBean(TenantTransactions.class);
        var slugs = new TreeMap<CustomerId, String>((a, b) -> a.value().compareTo(b.value()));
        transactions.asPlatform("backfill: customer names", () -> context.getBean(Customers.class).findAll())
                .forEach(c -> slugs.put(c.id(), c.slug()));
        var since = Instant.now().minus(Duration.ofDays(days));
        out.println((dryRun ? "Dry run: " : "") + "contact messages since " + since + " without analysis, batches of " + batchSize);
        var perCustomer = new TreeMap<String, int[]>();
        MessageSource.MessageText cursor = null;
        var scanned = 0;
        var enqueued = 0;
        while (true) {
            var batch = source.contactMessagesSince(since, batchSize, cursor);
            if (batch.isEmpty()) {
                break;
            }
            for (var message : batch) {
                scanned++;
                var slug = slugs.getOrDefault(message.customerId(), message.customerId().toString());
                var counts = perCustomer.computeIfAbsent(slug, s -> new int[2]);
                counts[0]++;
                var analysed = transactions.readInTenant(message.customerId(),
                        () -> store.analysed(message.customerId(), message.id()));
                if (analysed) {
                    continue;
                }
                counts[1]++;
                if (!dryRun && jobs.resubmit(BackfillAnalysisJobs.TYPE, message.customerId().value(), message.id().value(),
                        message.conversationId().value())) {
                    enqueued++;
                }
            }
            cursor = batch.getLast();
            out.println("  scanned " + scanned + " messages, " + (dryRun ? "would enqueue " : "enqueued ")
                    + perCustomer.values().stream().mapToInt(c -> c[1]).sum());
        }
        perCustomer.forEach((slug, c) -> out.println("  " + slug + ": " + c[0] + " contact messages, " + c[1] + " without analysis"));
        out.println("{\"dry_run\":" + dryRun + ",\"scanned\":" + scanned + ",\"unanalysed\":"
                + perCustomer.values().stream().mapToInt(c -> c[1]).sum() + ",\"enqueued\":" + enqueued + "}");
        return 0;
    }
}
