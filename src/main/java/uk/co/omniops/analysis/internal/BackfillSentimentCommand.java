package uk.co.omniops.analysis.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.platform.CommandArguments;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.platform.OperationsCommand;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * {@code backfill-sentiment --days=7 --batch-size=100 [--dry-run]}: enqueues analysis jobs (sentiment and
 * categories) for the conversations whose contact messages of the last N days have no analysis yet, one job per
 * conversation (which analyses all of its unanalysed contact messages). Idempotent and resumable: it only picks
 * conversations with unanalysed messages, and a job per conversation is unique (a finished one is queued again), so
 * a rerun after a crash continues. The jobs are of the background type {@code analysis-backfill}
 * ({@link BackfillAnalysisJobs}): live messages do not wait behind them.
 */
public class BackfillSentimentCommand implements OperationsCommand {

    private static final int RECENT_CONVERSATIONS = 100_000;

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
        context.getBean(TenancyManagement.class).allCustomers().forEach(c -> slugs.put(c.id(), c.slug()));
        var since = Instant.now().minus(Duration.ofDays(days));
        out.println((dryRun ? "Dry run: " : "") + "contact messages since " + since + " without analysis, batches of "
                + batchSize);
        var perCustomer = new TreeMap<String, int[]>();
        // conversations enqueued by this run, most recent first: the scan is in time order, so a conversation's
        // messages come close together (a bounded memory; a conversation seen again later is enqueued idempotently)
        var recent = new LinkedHashMap<ConversationId, Boolean>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ConversationId, Boolean> eldest) {
                return size() > RECENT_CONVERSATIONS;
            }
        };
        var scanned = 0;
        var enqueued = 0;
        for (var customer : slugs.entrySet()) {
            var id = customer.getKey();
            var counts = perCustomer.computeIfAbsent(customer.getValue(), s -> new int[3]);
            MessageSource.MessageText cursor = null;
            while (true) {
                var page = source.contactMessagesSince(id, since, batchSize, cursor);
                if (page.isEmpty()) {
                    break;
                }
                var analysed = transactions.readInTenant(
                        id,
                        () -> store.analysedAmong(
                                id,
                                page.stream().map(MessageSource.MessageText::id).toList()));
                for (var message : page) {
                    scanned++;
                    counts[0]++;
                    if (analysed.contains(message.id())) {
                        continue;
                    }
                    counts[1]++;
                    if (recent.put(message.conversationId(), Boolean.TRUE) != null) {
                        continue;
                    }
                    counts[2]++;
                    if (!dryRun
                            && jobs.resubmit(
                                    BackfillAnalysisJobs.TYPE,
                                    id.value(),
                                    message.conversationId().value(),
                                    null)) {
                        enqueued++;
                    }
                }
                cursor = page.getLast();
                out.println("  scanned " + scanned + " messages, "
                        + perCustomer.values().stream().mapToInt(c -> c[1]).sum()
                        + " without analysis, " + (dryRun ? "would enqueue " : "enqueued ")
                        + (dryRun
                                ? perCustomer.values().stream()
                                        .mapToInt(c -> c[2])
                                        .sum()
                                : enqueued) + " conversation(s)");
            }
        }
        perCustomer.forEach((slug, c) -> out.println("  " + slug + ": " + c[0] + " contact messages, " + c[1]
                + " without analysis in " + c[2] + " conversation(s)"));
        out.println("{\"dry_run\":" + dryRun + ",\"scanned\":" + scanned + ",\"unanalysed\":"
                + perCustomer.values().stream().mapToInt(c -> c[1]).sum() + ",\"conversations\":"
                + perCustomer.values().stream().mapToInt(c -> c[2]).sum() + ",\"enqueued\":" + enqueued + "}");
        return 0;
    }
}
