package uk.co.omniops.platform;

import java.time.Instant;
import java.util.function.IntUnaryOperator;

/**
 * A module's share of the retention run: deletes its own rows that are older than their retention
 * ({@link RetentionSettings}). Implemented by the module that owns the table (no module deletes another's rows);
 * the platform runs every implementation once per cluster.
 */
public interface Pruning {

    /** What is pruned, for the log, e.g. {@code "ai_usage"}. */
    String table();

    /** Deletes what is older than its retention at {@code now}; returns how many rows went. */
    int prune(Instant now, RetentionSettings retention);

    /** Rows per delete statement: short transactions, so pruning a large backlog never holds locks for long. */
    int BATCH = 10_000;

    /** Calls {@code deleteBatch} with {@link #BATCH} until a call deletes fewer; returns the total. */
    static int inBatches(IntUnaryOperator deleteBatch) {
        int total = 0;
        int deleted;
        do {
            deleted = deleteBatch.applyAsInt(BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
