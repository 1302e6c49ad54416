package uk.co.omniops.platform.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler of every {@code @Scheduled} task (job sweeper, notification outbox, alerts, Redis check, wait-time
 * checks, cost refresh, simulator, insights, retention, event resubmission: ten today). They used to share Spring
 * Boot's default scheduler, one thread, so a slow insights extraction held up the job sweeper and the outbox
 * (issue 21, finding 8). A pool larger than the number of periodic tasks gives each of them a thread whenever it is
 * due: a fixed-delay task never overlaps itself, so ten tasks never need more than ten threads. (Spring's
 * virtual-thread scheduler would not do: it runs fixed-delay tasks on its one scheduler thread.)
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    /** More than the periodic tasks; one-off schedules (e.g. retries) share the rest. */
    static final int THREADS = 16;

    /**
     * @param awaitTermination {@code omniops.scheduling.await-termination} (20 s): how long a shutdown waits for the
     *     scheduler's threads. Tasks that were due when the context began to close stay paused by the scheduler's
     *     lifecycle and are waited for until this runs out, so every shutdown takes about this long; the test profile
     *     shortens it (surefire killed each test JVM after 30 s of waiting).
     */
    @Bean
    ThreadPoolTaskScheduler taskScheduler(
            @Value("${omniops.scheduling.await-termination:20s}") Duration awaitTermination) {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(THREADS);
        scheduler.setThreadNamePrefix("omniops-scheduled-");
        scheduler.setRemoveOnCancelPolicy(true);
        // on shutdown, running tasks get this long to finish (the pod's grace period is longer)
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationMillis(awaitTermination.toMillis());
        return scheduler;
    }
}
