package uk.co.omniops.rollout;

import java.time.Instant;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import uk.co.omniops.rollout.internal.RolloutStore;

/**
 * The scheduled ramp and its safeguard: due steps applied (one replica per step, rows locked) unless the feature's
 * error rate is above the step's threshold, in which case the ramp pauses and the {@link RolloutAlerts} hooks run.
 */
@Component
class RolloutRamp {

    private static final Logger log = LoggerFactory.getLogger(RolloutRamp.class);

    /** A step the safeguard paused, alerted after commit. */
    private record Paused(Feature feature, double rate, double threshold) {}

    private final RolloutStore store;
    private final RolloutSafeguardMetrics metrics;
    private final ObjectProvider<RolloutAlerts> alerts;
    private final FlagChanges changes;

    RolloutRamp(
            RolloutStore store,
            RolloutSafeguardMetrics metrics,
            ObjectProvider<RolloutAlerts> alerts,
            FlagChanges changes) {
        this.store = store;
        this.metrics = metrics;
        this.alerts = alerts;
        this.changes = changes;
    }

    /** Applies due steps after checking each one's safeguard; returns how many applied. */
    int applyDueSteps(Instant now) {
        var applied = new ArrayList<Feature>();
        var paused = new ArrayList<Paused>();
        changes.tx().executeWithoutResult(status -> {
            for (var step : store.lockDueSteps(now)) {
                var before = store.lock(step.feature());
                if (before.rampPaused()) {
                    store.markStep(step.id(), RolloutStep.Status.PAUSED);
                    continue;
                }
                var rate = metrics.errorRatePercent(step.feature());
                if (rate > step.safeguardThresholdPercent()) {
                    pauseLocked(before, rate, step.safeguardThresholdPercent());
                    paused.add(new Paused(step.feature(), rate, step.safeguardThresholdPercent()));
                    continue;
                }
                apply(step, before, rate);
                applied.add(step.feature());
            }
        });
        applied.forEach(f -> changes.afterChange());
        paused.forEach(p -> alert(p.feature(), p.rate(), p.threshold()));
        return applied.size();
    }

    private void apply(RolloutStep step, FlagDefinition before, double rate) {
        var after = FlagStates.stepped(before, step.percentage());
        store.save(after, "scheduler");
        store.audit(
                "scheduler",
                step.feature(),
                "percentage " + step.percentage() + " %",
                FlagStates.json(before),
                FlagStates.json(FlagStates.next(after)),
                "scheduled step by " + step.createdBy() + " (error rate " + FlagStates.percent(rate) + " within "
                        + FlagStates.percent(step.safeguardThresholdPercent()) + ")");
        store.markStep(step.id(), RolloutStep.Status.APPLIED);
    }

    /** Pauses any active ramp whose feature's error rate is above its next step's threshold. */
    int checkSafeguards() {
        var tripped = 0;
        for (var feature : Feature.values()) {
            var next = store.steps().stream()
                    .filter(s -> s.feature() == feature && s.status() == RolloutStep.Status.PENDING)
                    .findFirst();
            if (next.isEmpty()) {
                continue;
            }
            var threshold = next.get().safeguardThresholdPercent();
            var rate = metrics.errorRatePercent(feature);
            if (rate > threshold) {
                var didPause = Boolean.TRUE.equals(changes.tx().execute(status -> {
                    var before = store.lock(feature);
                    if (before.rampPaused()) {
                        return false;
                    }
                    pauseLocked(before, rate, threshold);
                    return true;
                }));
                if (didPause) {
                    tripped++;
                    alert(feature, rate, threshold);
                }
            }
        }
        return tripped;
    }

    private void pauseLocked(FlagDefinition before, double rate, double threshold) {
        var message = FlagStates.safeguardMessage(rate, threshold);
        var after = FlagStates.paused(before, message);
        store.save(after, "safeguard");
        store.moveSteps(before.feature(), RolloutStep.Status.PENDING, RolloutStep.Status.PAUSED);
        store.audit(
                "safeguard",
                before.feature(),
                "pause ramp",
                FlagStates.json(before),
                FlagStates.json(FlagStates.next(after)),
                message);
    }

    private void alert(Feature feature, double rate, double threshold) {
        var message = feature.key() + ": " + FlagStates.safeguardMessage(rate, threshold);
        changes.afterChange();
        alerts.orderedStream().forEach(a -> {
            try {
                a.safeguardTripped(feature, rate, threshold, message);
            } catch (RuntimeException e) {
                log.warn("A rollout alert hook failed: {}", e.toString());
            }
        });
    }
}
