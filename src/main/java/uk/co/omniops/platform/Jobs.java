package uk.co.omniops.platform;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A durable, at-least-once job queue. The truth of every job (status, attempts, last error) is a row in
 * PostgreSQL; Redis Streams (one stream and consumer group per job type) only distribute work between
 * replicas, and without Redis ({@code omniops.redis.mode=none}) an in-process executor runs the same jobs.
 * Work is done by a {@link JobHandler} bean per type; handlers must be idempotent.
 *
 * @see <a href="../../../../../../docs/decisions/008-job-queue.md">decision 008</a>
 */
public interface Jobs {

    /** Metric names; {@code uk.co.omniops.ops.OmniOpsMetrics} refers to the same literals. */
    String QUEUE_LAG_METRIC = "omniops.queue.lag";
    /** Like {@link #QUEUE_LAG_METRIC}, for background job types ({@link JobHandler#background()}). */
    String BACKGROUND_LAG_METRIC = "omniops.queue.background_lag";

    String PROCESSED_METRIC = "omniops.jobs.processed";
    String FAILED_METRIC = "omniops.jobs.failed";

    /**
     * Records a job and hands it to the workers. Idempotent per {@code (type, subjectId)}: a second call for
     * the same subject changes nothing. The job is durable once this returns, even when Redis is down.
     *
     * @param parentId optional context the handler needs to load the subject (e.g. a message's conversation)
     * @return true when a new job was created
     */
    boolean enqueue(String type, UUID customerId, UUID subjectId, @Nullable UUID parentId);

    /**
     * Like {@link #enqueue}, but the job is stored in the caller's transaction (which must run as the job's customer
     * or on the platform path) and handed to the workers after it commits: the job exists exactly when the caller's
     * work does. Without a read-write transaction this is {@link #enqueue}.
     *
     * @return true when a new job was created (and will be published after commit)
     */
    boolean enqueueWithin(String type, UUID customerId, UUID subjectId, @Nullable UUID parentId);

    /**
     * Marks a running job done in the caller's transaction (its customer's, or the platform path), from its handler:
     * the job is done exactly when the handler's work commits, and the runner records nothing more for this run
     * (one transaction fewer per job). Without a read-write transaction nothing happens and the runner marks the job
     * done after the handler returns, as for any job.
     */
    void completeWithin(Job job);

    /** {@link #completeWithin(Job)} for several jobs of the caller's customer, in one statement (a batch). */
    void completeWithin(java.util.Collection<Job> jobs);

    /**
     * Like {@link #enqueue}, but a finished ({@code done}, {@code failed} or {@code dead}) job for the subject is
     * queued again with its attempts reset (backfills and explicit re-runs).
     *
     * @return true when a job was created or re-queued
     */
    boolean resubmit(String type, UUID customerId, UUID subjectId, @Nullable UUID parentId);

    /** The job for a subject, if one was ever enqueued. */
    Optional<Job> find(String type, UUID subjectId);

    /**
     * Re-enqueues failed and dead jobs and jobs stuck in {@code running} or {@code queued} for longer than
     * {@code stuckAfter} seconds. With {@code dryRun} nothing changes.
     */
    RequeueReport requeue(boolean dryRun, long stuckAfterSeconds);

    /** Jobs per type and status (operations views and commands). */
    Map<String, Map<Status, Long>> counts();

    enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED,
        DEAD;

        public String dbValue() {
            return name().toLowerCase();
        }

        public static Status fromDb(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    /** A job as stored. {@code attempts} counts started runs, including the current one. */
    record Job(
            UUID id,
            String type,
            UUID customerId,
            UUID subjectId,
            @Nullable UUID parentId,
            Status status,
            int attempts,
            @Nullable String lastError,
            Instant runAfter,
            Instant createdAt,
            Instant updatedAt) {}

    /** What {@link #requeue} found (and, unless a dry run, re-enqueued), per type and former status. */
    record RequeueReport(boolean dryRun, Map<String, Map<Status, Integer>> jobs, List<UUID> ids) {
        public int total() {
            return ids.size();
        }
    }
}
