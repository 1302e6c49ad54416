package uk.co.omniops.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/** Issue 21, finding 8: a slow scheduled task never holds up the others (the sweeper, the outbox). */
@OmniOpsIntegrationTest
class SchedulingTests {

    @Autowired
    TaskScheduler scheduler;

    @Test
    void aSlowTaskDoesNotDelayAFastOne() throws Exception {
        var fastRuns = new CountDownLatch(5);
        var slowStarted = new CountDownLatch(1);
        var slowMayEnd = new CountDownLatch(1);
        var slow = scheduler.scheduleWithFixedDelay(
                () -> {
                    slowStarted.countDown();
                    try {
                        // blocks until the fast task has run five times: with one shared thread it never would
                        slowMayEnd.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                Duration.ofHours(1));
        assertThat(slowStarted.await(30, TimeUnit.SECONDS)).isTrue();
        var fast = scheduler.scheduleWithFixedDelay(fastRuns::countDown, Duration.ofMillis(50));
        try {
            assertThat(fastRuns.await(30, TimeUnit.SECONDS))
                    .as("the fast task ran while the slow one was busy")
                    .isTrue();
        } finally {
            slowMayEnd.countDown();
            fast.cancel(false);
            slow.cancel(false);
        }
    }

    @Test
    void thereIsAThreadForEveryPeriodicTask() {
        assertThat(scheduler)
                .isInstanceOfSatisfying(
                        org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler.class,
                        pool -> assertThat(pool.getScheduledThreadPoolExecutor().getCorePoolSize())
                                .isGreaterThanOrEqualTo(10));
    }
}
