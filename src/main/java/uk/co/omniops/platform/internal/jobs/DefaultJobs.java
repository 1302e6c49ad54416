package uk.co.omniops.platform.internal.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.co.omniops.platform.JobSettings;
import uk.co.omniops.platform.Jobs;

/**
 * Stores, publishes and sweeps jobs. The sweeper (every {@code omniops.jobs.sweep-interval}) publishes again
 * what a worker should have taken by now: queued jobs untouched for a while (their stream entry was lost with
 * Redis, or never written), failed jobs whose backoff is over and running jobs whose worker died (stuck for
 * {@code omniops.jobs.stuck-after}). Queued jobs of a type whose transport still holds undelivered entries are
 * waiting, not lost, and are left alone: during a 5,000-message burst re-publishing them produced more
 * deliveries than the burst itself, each losing its claim (docs/benchmarks.md §5a). It also refreshes the lag
 * gauges: {@code omniops.queue.lag} for live types, {@code omniops.queue.background_lag} for background ones.
 */
@Component
class DefaultJobs implements Jobs {

    private static final Logger log = LoggerFactory.getLogger(DefaultJobs.class);
    private static final int SWEEP_BATCH = 500;

    private final JobStore store;
    private final JobTransport transport;
    private final JobRunner runner;
    private final JobSettings settings;
    private final boolean commandMode;
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong backgroundLagMillis = new AtomicLong();

    DefaultJobs(
            JobStore store,
            JobTransport transport,
            JobRunner runner,
            JobSettings settings,
            MeterRegistry meters,
            @Value("${omniops.command-mode:false}") boolean commandMode) {
        this.store = store;
        this.transport = transport;
        this.runner = runner;
        this.settings = settings;
        this.commandMode = commandMode;
        Gauge.builder(QUEUE_LAG_METRIC, lagMillis, l -> l.get() / 1000.0)
                .description("Seconds the oldest queued live job (not background work) has waited")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder(BACKGROUND_LAG_METRIC, backgroundLagMillis, l -> l.get() / 1000.0)
                .description("Seconds the oldest queued background job (e.g. a backfill) has waited")
                .baseUnit("seconds")
                .register(meters);
    }

    @Override
    public boolean enqueue(String type, UUID customerId, UUID subjectId, @Nullable UUID parentId) {
        var job = store.insert(type, customerId, subjectId, parentId, false);
        job.ifPresent(transport::publish);
        return job.isPresent();
    }

    @Override
    public boolean enqueueWithin(String type, UUID customerId, UUID subjectId, @Nullable UUID parentId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return enqueue(type, customerId, subjectId, parentId);
        }
        var job = store.insertInCallersTransaction(type, customerId, subjectId, parentId);
        job.ifPresent(j -> TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                transport.publish(j);
            }
        }));
        return job.isPresent();
    }

    @Override
    public void completeWithin(Job job) {
        completeWithin(java.util.List.of(job));
    }

    @Override
    public void completeWithin(java.util.Collection<Job> jobs) {
        if (jobs.isEmpty()
                || !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return;
        }
        var ids = jobs.stream().map(Job::id).toList();
        store.doneInCallersTransaction(ids);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                ids.forEach(runner::completedWithin);
            }
        });
    }

    @Override
    public boolean resubmit(String type, UUID customerId, UUID subjectId, @Nullable UUID parentId) {
        var job = store.insert(type, customerId, subjectId, parentId, true);
        job.ifPresent(transport::publish);
        return job.isPresent();
    }

    @Override
    public Optional<Job> find(String type, UUID subjectId) {
        return store.find(type, subjectId);
    }

    @Override
    public RequeueReport requeue(boolean dryRun, long stuckAfterSeconds) {
        var candidates = store.requeueCandidates(Duration.ofSeconds(stuckAfterSeconds));
        var byType = new TreeMap<String, Map<Status, Integer>>();
        var ids = new ArrayList<UUID>();
        for (var job : candidates) {
            byType.computeIfAbsent(job.type(), t -> new EnumMap<>(Status.class)).merge(job.status(), 1, Integer::sum);
            ids.add(job.id());
        }
        if (!dryRun) {
            store.requeue(ids);
            for (var job : candidates) {
                transport.publish(job);
            }
        }
        return new RequeueReport(dryRun, byType, ids);
    }

    @Override
    public Map<String, Map<Status, Long>> counts() {
        var result = new TreeMap<String, Map<Status, Long>>();
        for (var row : store.counts()) {
            result.computeIfAbsent((String) row[0], t -> new EnumMap<>(Status.class))
                    .put(Status.fromDb((String) row[1]), (Long) row[2]);
        }
        return result;
    }

    @Scheduled(
            fixedDelayString = "${omniops.jobs.sweep-interval:10s}",
            initialDelayString = "${omniops.jobs.sweep-interval:10s}")
    void sweep() {
        if (commandMode) {
            return;
        }
        try {
            var waiting =
                    runner.types().stream().filter(transport::hasUndelivered).toList();
            var due = store.due(settings.sweepInterval().multipliedBy(3), settings.stuckAfter(), waiting, SWEEP_BATCH);
            if (!due.isEmpty()) {
                log.info("Publishing {} queued or due job(s) again", due.size());
                due.forEach(transport::publish);
            }
            var background = runner.types().stream().filter(runner::background).toList();
            lagMillis.set(Math.round(store.lagSeconds(background, false) * 1000));
            backgroundLagMillis.set(background.isEmpty() ? 0 : Math.round(store.lagSeconds(background, true) * 1000));
        } catch (RuntimeException e) {
            log.warn("Job sweep failed (database unavailable?): {}", e.toString());
        }
    }
}
