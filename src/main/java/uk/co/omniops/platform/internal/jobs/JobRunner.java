package uk.co.omniops.platform.internal.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.JobHandler;
import uk.co.omniops.platform.JobSettings;
import uk.co.omniops.platform.Jobs;

/**
 * Runs delivered jobs ({@link #run} one, {@link #runAll} a batch): claims it in the database (so that a duplicate delivery does nothing), calls its
 * handler, then marks it done, or failed with a backoff, or dead after {@code maxAttempts}. Transports call
 * {@link #run} for every delivery; it never throws.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobStore store;
    private final JobSettings settings;
    private final ObjectProvider<JobHandler> handlerBeans;
    private final MeterRegistry meters;
    private volatile @Nullable Map<String, JobHandler> handlers;
    /** Jobs whose handler marked them done in its own transaction during this run ({@code Jobs.completeWithin}). */
    private final java.util.Set<UUID> completedWithin = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Handlers are looked up on first use: they may themselves depend on {@code Jobs} (to enqueue). */
    JobRunner(JobStore store, JobSettings settings, ObjectProvider<JobHandler> handlerBeans, MeterRegistry meters) {
        this.store = store;
        this.settings = settings;
        this.handlerBeans = handlerBeans;
        this.meters = meters;
    }

    private Map<String, JobHandler> handlers() {
        var h = handlers;
        if (h == null) {
            h = handlerBeans
                    .orderedStream()
                    .collect(Collectors.toUnmodifiableMap(JobHandler::type, Function.identity()));
            handlers = h;
        }
        return h;
    }

    java.util.Set<String> types() {
        return handlers().keySet();
    }

    boolean background(String type) {
        var handler = handlers().get(type);
        return handler != null && handler.background();
    }

    /** How many jobs of the type run at once on this replica. */
    int concurrency(String type) {
        return background(type) ? settings.backgroundConcurrency() : settings.concurrency();
    }

    /** Whether the type's handler runs several jobs together ({@link JobHandler#batches()}). */
    boolean batches(String type) {
        var handler = handlers().get(type);
        return handler != null && handler.batches();
    }

    /** Most jobs a worker of a batching type takes at once. */
    int batchSize() {
        return settings.batchSize();
    }

    /** @return the outcome, for transports' logs and tests */
    Outcome run(UUID jobId) {
        var claimed = store.claim(jobId, settings.stuckAfter());
        if (claimed.isEmpty()) {
            return Outcome.SKIPPED; // done, dead, being run elsewhere, or not due yet
        }
        return runClaimed(claimed.get());
    }

    /**
     * Runs several delivered jobs of one type: one claim for all of them, then, when the type's handler
     * {@linkplain JobHandler#batches() batches}, one {@link JobHandler#handleAll} and one statement marking done what
     * the handler did not complete itself. When the batch fails, the jobs it did not complete run one by one
     * ({@link JobHandler#handle}), each failing or succeeding on its own: a poisoned job cannot hold the others back.
     *
     * @return the outcome per delivered job (claimed or {@link Outcome#SKIPPED})
     */
    Map<UUID, Outcome> runAll(java.util.List<UUID> jobIds) {
        var outcomes = new java.util.LinkedHashMap<UUID, Outcome>();
        if (jobIds.size() == 1) {
            outcomes.put(jobIds.getFirst(), run(jobIds.getFirst()));
            return outcomes;
        }
        jobIds.forEach(id -> outcomes.put(id, Outcome.SKIPPED));
        var claimed = store.claimAll(jobIds, settings.stuckAfter());
        var byType = claimed.stream()
                .collect(Collectors.groupingBy(Jobs.Job::type, java.util.LinkedHashMap::new, Collectors.toList()));
        byType.forEach((type, jobs) -> {
            var handler = handlers().get(type);
            if (handler == null || !handler.batches() || jobs.size() == 1) {
                jobs.forEach(job -> outcomes.put(job.id(), runClaimed(job)));
                return;
            }
            var pending = jobs;
            for (var attempt = 1; ; attempt++) {
                try {
                    handler.handleAll(pending);
                    var notCompleted = pending.stream()
                            .map(Jobs.Job::id)
                            .filter(id -> !completedWithin.remove(id))
                            .toList();
                    store.doneAll(notCompleted);
                    pending.forEach(job -> outcomes.put(job.id(), Outcome.DONE));
                    processed(type).increment(pending.size());
                    return;
                } catch (Exception | LinkageError e) {
                    var completed = pending.stream()
                            .filter(job -> completedWithin.remove(job.id()))
                            .toList();
                    completed.forEach(job -> outcomes.put(job.id(), Outcome.DONE));
                    processed(type).increment(completed.size());
                    pending = pending.stream()
                            .filter(job -> !completed.contains(job))
                            .toList();
                    if (attempt == 1 && transient_(e)) {
                        // a deadlock or an exhausted pool says nothing about the jobs: the whole rest once more
                        log.info(
                                "A batch of {} {} jobs failed ({} stored before the failure), trying the other {} again: {}",
                                jobs.size(),
                                type,
                                completed.size(),
                                pending.size(),
                                e.toString());
                        continue;
                    }
                    if (transient_(e)) {
                        // twice: the database is unavailable or overloaded; running 200 jobs one by one would only
                        // ask it 200 times more. Failed with the first backoff, the sweeper publishes them again.
                        log.warn(
                                "A batch of {} {} jobs failed twice ({} stored); the other {} are retried in {}: {}",
                                jobs.size(),
                                type,
                                completed.size(),
                                pending.size(),
                                settings.backoffAfter(1),
                                e.toString());
                        var error = e.getClass().getSimpleName() + ": " + e.getMessage();
                        try {
                            store.failedAll(
                                    pending.stream().map(Jobs.Job::id).toList(),
                                    error,
                                    settings.maxAttempts(),
                                    settings.backoffAfter(1));
                        } catch (RuntimeException storeFailure) {
                            log.warn(
                                    "Could not record the failure of {} jobs (retried once they count as stuck): {}",
                                    pending.size(),
                                    storeFailure.toString());
                        }
                        failed(type).increment(pending.size());
                        pending.forEach(job -> outcomes.put(
                                job.id(), job.attempts() >= settings.maxAttempts() ? Outcome.DEAD : Outcome.FAILED));
                        return;
                    }
                    log.warn(
                            "A batch of {} {} jobs failed ({} stored before the failure); running the other {} one by one: {}",
                            jobs.size(),
                            type,
                            completed.size(),
                            pending.size(),
                            e.toString());
                    pending.forEach(job -> outcomes.put(job.id(), runClaimed(job)));
                    return;
                }
            }
        });
        return outcomes;
    }

    /** A failure that another try may not meet (a deadlock, a lock or connection timeout), whatever the jobs. */
    private static boolean transient_(Throwable e) {
        return e instanceof org.springframework.dao.TransientDataAccessException
                || e instanceof org.springframework.transaction.CannotCreateTransactionException;
    }

    /** Runs a job this replica has claimed (one attempt): handler, then done, or failed with a backoff, or dead. */
    private Outcome runClaimed(Jobs.Job job) {
        var handler = handlers().get(job.type());
        if (handler == null) {
            store.failed(job.id(), "no handler for job type " + job.type(), true, settings.backoffAfter(1));
            failed(job.type()).increment();
            return Outcome.DEAD;
        }
        try {
            handler.handle(job);
            if (!completedWithin.remove(job.id())) {
                store.done(job.id());
            }
            processed(job.type()).increment();
            return Outcome.DONE;
        } catch (Exception | LinkageError e) {
            completedWithin.remove(job.id());
            var dead = job.attempts() >= settings.maxAttempts();
            var delay = settings.backoffAfter(job.attempts());
            var error = e.getClass().getSimpleName() + ": " + e.getMessage();
            failed(job.type()).increment();
            try {
                store.failed(job.id(), error, dead, delay);
            } catch (RuntimeException storeFailure) {
                log.warn(
                        "Could not record the failure of job {} (it will be retried once it counts as stuck): {}",
                        job.id(),
                        storeFailure.toString());
            }
            if (dead) {
                log.error(
                        "Job {} ({} {}) is dead after {} attempts: {}",
                        job.id(),
                        job.type(),
                        job.subjectId(),
                        job.attempts(),
                        error);
            } else {
                log.warn(
                        "Job {} ({} {}) failed (attempt {} of {}), retry in {}: {}",
                        job.id(),
                        job.type(),
                        job.subjectId(),
                        job.attempts(),
                        settings.maxAttempts(),
                        delay,
                        error);
            }
            return dead ? Outcome.DEAD : Outcome.FAILED;
        }
    }

    private Counter processed(String type) {
        return Counter.builder(Jobs.PROCESSED_METRIC)
                .description("Jobs completed")
                .tag("type", type)
                .register(meters);
    }

    /** The handler's transaction that marked the job done has committed. */
    void completedWithin(UUID jobId) {
        completedWithin.add(jobId);
    }

    private Counter failed(String type) {
        return Counter.builder(Jobs.FAILED_METRIC)
                .description("Job attempts that failed")
                .tag("type", type)
                .register(meters);
    }

    enum Outcome {
        DONE,
        FAILED,
        DEAD,
        SKIPPED
    }
}
