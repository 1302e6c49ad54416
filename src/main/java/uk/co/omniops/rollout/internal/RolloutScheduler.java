package uk.co.omniops.rollout.internal;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import uk.co.omniops.rollout.RolloutManagement;
import uk.co.omniops.rollout.RolloutSettings;

/**
 * Every {@code omniops.rollout.scheduler-interval}: applies due ramp steps and checks the safeguards of active ramps.
 * Runs on every replica; a step is locked ({@code for update skip locked}) by the one that applies it.
 */
@Component
class RolloutScheduler implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RolloutScheduler.class);

    private final RolloutManagement rollout;
    private final RolloutSettings settings;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "rollout-scheduler");
        t.setDaemon(true);
        return t;
    });

    RolloutScheduler(RolloutManagement rollout, RolloutSettings settings) {
        this.rollout = rollout;
        this.settings = settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        var every = settings.schedulerInterval().toMillis();
        executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            rollout.checkSafeguards();
            rollout.applyDueSteps(Instant.now());
        } catch (RuntimeException e) {
            log.warn("Rollout scheduler run failed (retrying next run): {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
