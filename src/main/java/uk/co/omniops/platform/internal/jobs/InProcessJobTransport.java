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

    InProcessJobTransport(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public void publish(Job job) {
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

    @Override
    public boolean hasUndelivered(String type) {
        var queued = waiting.get(type);
        return queued != null && queued.get() > 0;
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
