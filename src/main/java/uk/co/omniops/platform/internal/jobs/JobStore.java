package uk.co.omniops.platform.internal.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import uk.co.omniops.platform.Jobs.Job;
import uk.co.omniops.platform.Jobs.Status;
import uk.co.omniops.platform.PlatformAccess;

/**
 * The {@code jobs} table. The queue works across customers, so every statement runs in its own transaction
 * ({@code REQUIRES_NEW}: never joins, and so never widens, a caller's tenant transaction) on the platform path
 * ({@link PlatformAccess}: the platform login, logged on the platform audit logger). {@code platform} cannot use
 * {@code tenancy.TenantTransactions} (it depends on no module, decision 001).
 */
@Component
class JobStore {

    private static final Logger audit = LoggerFactory.getLogger("uk.co.omniops.audit.platform");

    private static final String COLUMNS =
            "id, type, customer_id, subject_id, parent_id, status, attempts, last_error, run_after, created_at, updated_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    JobStore(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    private <T> T platform(String reason, Supplier<T> work) {
        audit.trace("platform access: job queue, {}", reason);
        return PlatformAccess.call(() -> tx.execute(status -> work.get()));
    }

    /** @return the job when it was created or (with {@code resubmit}) re-queued, else empty */
    Optional<Job> insert(String type, UUID customerId, UUID subjectId, @Nullable UUID parentId, boolean resubmit) {
        var sql =
                "insert into jobs (id, type, customer_id, subject_id, parent_id) values (?, ?, ?, ?, ?) on conflict (type, subject_id) "
                        + (resubmit ? """
                        do update set status = 'queued', attempts = 0, last_error = null, run_after = now(), updated_at = now()
                         where jobs.status in ('done', 'failed', 'dead') and jobs.customer_id = excluded.customer_id
                        """ : "do nothing ")
                        + "returning " + COLUMNS;
        return platform(
                "enqueue",
                () -> jdbc.sql(sql)
                        .params(UUID.randomUUID(), type, customerId, subjectId, parentId)
                        .query(JobStore::map)
                        .optional());
    }

    /**
     * Like {@link #insert} without {@code resubmit}, but in the caller's transaction, under its tenant: the job
     * commits or rolls back with the caller's work (the row carries the caller's customer, which the table's policy
     * accepts). Two statements fewer than a transaction of its own, and no job for work that was rolled back.
     */
    Optional<Job> insertInCallersTransaction(String type, UUID customerId, UUID subjectId, @Nullable UUID parentId) {
        audit.trace("job queue: enqueue in the caller's transaction");
        return jdbc.sql("insert into jobs (id, type, customer_id, subject_id, parent_id) values (?, ?, ?, ?, ?) "
                        + "on conflict (type, subject_id) do nothing returning " + COLUMNS)
                .params(UUID.randomUUID(), type, customerId, subjectId, parentId)
                .query(JobStore::map)
                .optional();
    }

    Optional<Job> find(UUID id) {
        return platform(
                "find",
                () -> jdbc.sql("select " + COLUMNS + " from jobs where id = ?")
                        .param(id)
                        .query(JobStore::map)
                        .optional());
    }

    Optional<Job> find(String type, UUID subjectId) {
        return platform(
                "find",
                () -> jdbc.sql("select " + COLUMNS + " from jobs where type = ? and subject_id = ?")
                        .params(type, subjectId)
                        .query(JobStore::map)
                        .optional());
    }

    /**
     * Takes a job for one run: only a queued job, a failed job whose backoff is over, or a running job nobody
     * touched for {@code stuckAfter} (its worker died). Two deliveries of the same job: one wins.
     */
    Optional<Job> claim(UUID id, Duration stuckAfter) {
        return platform(
                "claim",
                () -> jdbc.sql("""
                update jobs set status = 'running', attempts = attempts + 1, updated_at = now()
                 where id = ?
                   and (status = 'queued'
                        or (status = 'failed' and run_after <= now())
                        or (status = 'running' and updated_at < now() - make_interval(secs => ?)))
                returning""" + " " + COLUMNS)
                        .params(id, (double) stuckAfter.toSeconds())
                        .query(JobStore::map)
                        .optional());
    }

    /**
     * {@link #claim} for several delivered jobs in one statement (a batch): those that can be taken, in no particular
     * order; the others (done, running elsewhere, not due) are left out.
     */
    List<Job> claimAll(Collection<UUID> ids, Duration stuckAfter) {
        return platform(
                "claim",
                () -> jdbc.sql("""
                update jobs set status = 'running', attempts = attempts + 1, updated_at = now()
                 where id = any(?)
                   and (status = 'queued'
                        or (status = 'failed' and run_after <= now())
                        or (status = 'running' and updated_at < now() - make_interval(secs => ?)))
                returning""" + " " + COLUMNS)
                        .params(ids.toArray(UUID[]::new), (double) stuckAfter.toSeconds())
                        .query(JobStore::map)
                        .list());
    }

    /** {@link #done} in the caller's transaction, under its tenant (the jobs carry the caller's customer). */
    void doneInCallersTransaction(Collection<UUID> ids) {
        jdbc.sql(
                        "update jobs set status = 'done', last_error = null, updated_at = now() where id = any(?) and status = 'running'")
                .param(ids.toArray(UUID[]::new))
                .update();
    }

    void done(UUID id) {
        platform(
                "done",
                () -> jdbc.sql("update jobs set status = 'done', last_error = null, updated_at = now() where id = ?")
                        .param(id)
                        .update());
    }

    /** {@link #done} for several jobs in one statement. */
    void doneAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        platform(
                "done",
                () -> jdbc.sql(
                                "update jobs set status = 'done', last_error = null, updated_at = now() where id = any(?)")
                        .param(ids.toArray(UUID[]::new))
                        .update());
    }

    void failed(UUID id, String error, boolean dead, Duration retryIn) {
        platform(
                "failed",
                () -> jdbc.sql("""
                update jobs set status = ?, last_error = ?, run_after = now() + make_interval(secs => ?), updated_at = now()
                 where id = ?""")
                        .params(dead ? "dead" : "failed", truncate(error), retryIn.toMillis() / 1000.0, id)
                        .update());
    }

    /**
     * {@link #failed} for several jobs in one statement: those that have had {@code maxAttempts} runs are dead, the
     * others are retried after {@code retryIn}.
     */
    void failedAll(Collection<UUID> ids, String error, int maxAttempts, Duration retryIn) {
        if (ids.isEmpty()) {
            return;
        }
        platform(
                "failed",
                () -> jdbc.sql("""
                update jobs set status = case when attempts >= ? then 'dead' else 'failed' end, last_error = ?,
                       run_after = now() + make_interval(secs => ?), updated_at = now()
                 where id = any(?)""")
                        .params(maxAttempts, truncate(error), retryIn.toMillis() / 1000.0, ids.toArray(UUID[]::new))
                        .update());
    }

    /**
     * Jobs a worker should have by now but may have lost: queued (or failed and due) and untouched for
     * {@code quietFor}, and running jobs untouched for {@code stuckAfter} (their worker died: kill -9, OOM, a lost
     * node), which go back to {@code queued}. Their {@code updated_at} is touched so that the next sweep skips them
     * for a while. Without the running case a job whose replica died mid-run stayed {@code running} for ever: its
     * stream entry is reclaimed and acknowledged as "not claimable yet" long before it counts as stuck.
     * Queued jobs of the {@code waitingTypes} are left alone: the transport still holds undelivered entries of
     * those types, so the jobs are waiting their turn rather than lost. An entry that was lost meanwhile (Redis
     * restarted, or trimmed at {@code MAXLEN}) is published again once the type's backlog has been delivered:
     * publishing during the backlog would only add duplicates behind it, every few minutes, for its whole length.
     */
    List<Job> due(Duration quietFor, Duration stuckAfter, Collection<String> waitingTypes, int limit) {
        return platform(
                "sweep",
                () -> jdbc.sql("""
                update jobs set updated_at = now(), status = case when status = 'running' then 'queued' else status end
                 where id in (select id from jobs
                               where ((status = 'queued' and updated_at < now() - make_interval(secs => ?)
                                       and type <> all(?))
                                      or (status = 'failed' and run_after <= now())
                                      or (status = 'running' and updated_at < now() - make_interval(secs => ?)))
                               order by run_after limit ? for update skip locked)
                returning""" + " " + COLUMNS)
                        .params(
                                quietFor.toMillis() / 1000.0,
                                waitingTypes.toArray(String[]::new),
                                stuckAfter.toMillis() / 1000.0,
                                limit)
                        .query(JobStore::map)
                        .list());
    }

    /** Failed, dead and stuck jobs (see {@link uk.co.omniops.platform.Jobs#requeue}). */
    List<Job> requeueCandidates(Duration stuckAfter) {
        return platform(
                "requeue scan",
                () -> jdbc.sql("select " + COLUMNS + " " + """
                 from jobs
                 where status in ('failed', 'dead')
                    or (status in ('running', 'queued') and updated_at < now() - make_interval(secs => ?))
                 order by created_at""")
                        .param((double) stuckAfter.toSeconds())
                        .query(JobStore::map)
                        .list());
    }

    void requeue(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        platform("requeue", () -> jdbc.sql("""
                update jobs set status = 'queued', attempts = 0, last_error = null, run_after = now(), updated_at = now()
                 where id = any(?)""").param(ids.toArray(UUID[]::new)).update());
    }

    /**
     * Seconds the oldest due queued job has waited; 0 when none waits. Only jobs of the {@code types}
     * ({@code in = true}) or of every other type ({@code in = false}).
     */
    double lagSeconds(Collection<String> types, boolean in) {
        return platform(
                "lag",
                () -> jdbc.sql("""
                select coalesce(extract(epoch from now() - min(run_after)), 0) from jobs
                 where (status = 'queued' or (status = 'failed' and run_after <= now()))
                   and (type = any(?)) = ?""")
                        .params(types.toArray(String[]::new), in)
                        .query(Double.class)
                        .single());
    }

    List<Object[]> counts() {
        return platform(
                "counts",
                () -> jdbc.sql("select type, status, count(*) from jobs group by type, status")
                        .query((rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)})
                        .list());
    }

    /**
     * Deletes up to {@code limit} finished jobs (done, failed, dead) last changed before {@code cutoff}; queued and
     * running jobs stay whatever their age. Returns how many went.
     */
    int deleteFinishedBefore(Instant cutoff, int limit) {
        Integer deleted = platform(
                "retention",
                () -> jdbc.sql("""
                delete from jobs where id in (
                    select id from jobs where status in ('done', 'failed', 'dead') and updated_at < ? limit ?)""").params(Timestamp.from(cutoff), limit).update());
        return deleted == null ? 0 : deleted;
    }

    private static String truncate(String error) {
        return error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    static Job map(ResultSet rs, int row) throws SQLException {
        return new Job(
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("subject_id", UUID.class),
                rs.getObject("parent_id", UUID.class),
                Status.fromDb(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                instant(rs.getTimestamp("run_after")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static Instant instant(@Nullable Timestamp t) {
        return t == null ? Instant.EPOCH : t.toInstant();
    }
}
