package uk.co.omniops.platform.internal.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.Jobs.Job;
import uk.co.omniops.platform.RedisMode;

/**
 * Without Redis ({@code omniops.redis.mode=none}, a single instance): jobs run on virtual threads of this
 * replica, at most {@code concurrency} (background types: {@code background-concurrency}) at once per type; more
 * wait for a permit. Lost work (a restart) is picked up by the sweeper from the database.
 */
@Component
@Conditional(RedisMode.Disabled.class)
class InProcessJobTransport implements JobTransport, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InProcessJobTransport.class);

    private final JobRunner runner;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
    private final Map<String, java.util.Queue<java.util.UUID>> batchQueues = new ConcurrentHashMap<>();

    InProcessJobTransport(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public void publish(Job job) {
        if (runner.batches(job.type())) {
            publishToBatch(job);
            return;
        }
        var queued = waiting.computeIfAbsent(job.type(), t -> new AtomicInteger());
        var typePermits = permits.computeIfAbsent(job.type(), t -> new Semaphore(runner.concurrency(t)));
        queued.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    try {
                        typePermits.acquire();
                    } finally {
                        queued.decrementAndGet();
                    }
                    try {
                        runner.run(job.id());
                    } finally {
                        typePermits.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("Job {} could not run now; the sweeper retries it: {}", job.id(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            log.debug("Shutting down; job {} stays queued in the database", job.id());
        }
    }

    /**
     * A batching type: the job waits in the type's queue; a worker (at most {@code concurrency} per type) takes what
     * is waiting, up to {@code batch-size} at once, until the queue is empty. Idle, a job runs alone at once.
     */
    private void publishToBatch(Job job) {
        var queue = batchQueues.computeIfAbsent(job.type(), t -> new java.util.concurrent.ConcurrentLinkedQueue<>());
        var typePermits = permits.computeIfAbsent(job.type(), t -> new Semaphore(runner.concurrency(t)));
        queue.add(job.id());
        startDrainer(job.type(), queue, typePermits);
    }

    private void startDrainer(String type, java.util.Queue<java.util.UUID> queue, Semaphore typePermits) {
        if (queue.isEmpty() || !typePermits.tryAcquire()) {
            return; // a running worker takes it
        }
        try {
            executor.execute(() -> {
                try {
                    java.util.List<java.util.UUID> batch;
                    while (!(batch = take(queue, runner.batchSize())).isEmpty()) {
                        try {
                            runner.runAll(batch);
                        } catch (RuntimeException e) {
                            log.warn(
                                    "A batch of {} {} jobs could not run now; the sweeper retries them: {}",
                                    batch.size(),
                                    type,
                                    e.toString());
                        }
                    }
                } finally {
                    typePermits.release();
                }
                startDrainer(type, queue, typePermits); // a job published between the last take and the release
            });
        } catch (RejectedExecutionException e) {
            typePermits.release();
            log.debug("Shutting down; {} jobs stay queued in the database", type);
        }
    }

    private static java.util.List<java.util.UUID> take(java.util.Queue<java.util.UUID> queue, int max) {
        var batch = new java.util.ArrayList<java.util.UUID>();
        java.util.UUID id;
        while (batch.size() < max && (id = queue.poll()) != null) {
            batch.add(id);
        }
        return batch;
    }

    @Override
    public boolean hasUndelivered(String type) {
        var batchQueue = batchQueues.get(type);
        if (batchQueue != null && !batchQueue.isEmpty()) {
            return true;
        }
        var queued = waiting.get(type);
        return queued != null && queued.get() > 0;
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
