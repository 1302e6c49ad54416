package uk.co.omniops.platform;

/**
 * Does the work of one job type. Register as a Spring bean; the queue finds handlers by {@link #type()}.
 * Delivery is at least once (a crash after the work but before the job is marked done runs it again):
 * handlers must be idempotent. Throwing marks the attempt failed; it is retried with exponential backoff
 * until {@code omniops.jobs.max-attempts}, then the job is dead.
 */
public interface JobHandler {

    /** Lower case, e.g. {@code analysis}; names the Redis stream and consumer group. */
    String type();

    void handle(Jobs.Job job) throws Exception;

    /**
     * Whether {@link #handleAll} does the work of several jobs together. The transports then hand a worker what is
     * waiting, up to {@code omniops.jobs.batch-size} jobs: one when the queue is idle, hundreds under a burst.
     */
    default boolean batches() {
        return false;
    }

    /**
     * Does the work of several claimed jobs of this type at once (only called when {@link #batches()}). A job the
     * handler completed in its own transaction ({@link Jobs#completeWithin}) counts as done; the others are marked
     * done after it returns. Throwing fails no job by itself: the runner runs the batch's jobs that were not completed
     * one by one with {@link #handle}, so one poisoned job fails alone and the others are done.
     */
    default void handleAll(java.util.List<Jobs.Job> jobs) throws Exception {
        for (var job : jobs) {
            handle(job);
        }
    }

    /**
     * Background work (e.g. a backfill) that must not delay live work: its own stream, at most
     * {@code omniops.jobs.background-concurrency} at once per replica, and its own lag gauge
     * ({@link Jobs#BACKGROUND_LAG_METRIC}) so that {@link Jobs#QUEUE_LAG_METRIC} keeps meaning live traffic.
     */
    default boolean background() {
        return false;
    }
}
