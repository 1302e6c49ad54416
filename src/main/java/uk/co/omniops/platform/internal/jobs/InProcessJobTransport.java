package uk.co.omniops.platform.internal.jobs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import uk.co.omniops.platform.JobSettings;
import uk.co.omniops.platform.Jobs.Job;
import uk.co.omniops.platform.RedisMode;

/**
 * Without Redis ({@code omniops.redis.mode=none}, a single instance): jobs run on virtual threads of this
 * replica, at most {@code concurrency} at once; more wait for a permit. Lost work (a restart) is picked up by
 * the sweeper from the database.
 */
@Component
@Conditional(RedisMode.Disabled.class)
class InProcessJobTransport implements JobTransport, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InProcessJobTransport.class);

    private final JobRunner runner;
    private final Semaphore permits;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    InProcessJobTransport(JobRunner runner, JobSettings settings) {
        this.runner = runner;
        this.permits = new Semaphore(settings.concurrency());
    }

    @Override
    public void publish(Job job) {
        try {
            executor.execute(() -> {
                try {
                    permits.acquire();
                    try {
                        runner.run(job.id());
                    } finally {
                        permits.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("Job {} could not run now; the sweeper retries it: {}", job.id(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Shutting down; job {} stays queued in the database", job.id());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
