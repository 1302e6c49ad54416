package uk.co.omniops.analysis.internal;

import java.io.PrintStream;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import uk.co.omniops.platform.CommandArguments;
import uk.co.omniops.platform.OperationsCommand;

/**
 * {@code backfill-vectors}: queues the vector backfill ({@link VectorBackfill}) now, what every start of the
 * application does by itself: one background scan per customer, which queues a job per conversation with an analysed
 * contact message that has no sentence vector. Idempotent; nothing is queued under the kill switch.
 */
public class BackfillVectorsCommand implements OperationsCommand {

    @Override
    public String name() {
        return "backfill-vectors";
    }

    @Override
    public String summary() {
        return "queue sentence vectors for analysed contact messages that have none";
    }

    @Override
    public String usage() {
        return "(no options: every customer is scanned, as at every start)";
    }

    @Override
    public int run(CommandArguments arguments, @Nullable ApplicationContext context, PrintStream out) {
        arguments.allow(Set.of());
        if (context == null) {
            throw new IllegalStateException("backfill-vectors needs the application context");
        }
        var backfill = context.getBean(VectorBackfill.class);
        var enabled = context.getBean(MessageEmbeddings.class).enabled();
        var queued = backfill.startAll();
        out.println(
                enabled
                        ? "queued the vector backfill's scan for " + queued
                                + " customer(s) (a scan already waiting is not queued twice)"
                        : "the sentence encoder is off (omniops.analysis.embeddings.enabled=false): nothing to do");
        out.println("{\"enabled\":" + enabled + ",\"scans_queued\":" + queued + "}");
        return 0;
    }
}
