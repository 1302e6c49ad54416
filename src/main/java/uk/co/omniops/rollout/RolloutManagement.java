package uk.co.omniops.rollout;

import static uk.co.omniops.rollout.FlagStates.minus;
import static uk.co.omniops.rollout.FlagStates.plus;
import static uk.co.omniops.rollout.FlagStates.slugs;
import static uk.co.omniops.rollout.FlagStates.withLists;

import com.launchdarkly.sdk.LDValue;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import uk.co.omniops.platform.Csv;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.rollout.internal.RolloutStore;
import uk.co.omniops.rollout.internal.SdkFeatureFlags;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * The rollout module's API for admins and operations: the effective state of every feature for every customer with
 * the reason, and every change to a flag (percentage, whitelist, blocklist, kill switch, scheduled ramp steps), each
 * with an actor and a mandatory reason that land in the audit log. Callers check the ADMIN role. Changes reach
 * every replica's flag evaluation within about a second ({@code rollout.changed} live updates).
 *
 * @see <a href="../../../../../../docs/decisions/007-feature-rollout.md">decision 007</a>
 */
@Service
public class RolloutManagement {

    public static final LiveUpdate.Kind SAFEGUARD_KIND = LiveUpdate.Kind.ROLLOUT_SAFEGUARD;

    private final RolloutStore store;
    private final SdkFeatureFlags flags;
    private final TenancyManagement tenancy;
    private final FlagChanges changes;
    private final RolloutRamp ramp;

    RolloutManagement(
            RolloutStore store,
            SdkFeatureFlags flags,
            TenancyManagement tenancy,
            FlagChanges changes,
            RolloutRamp ramp) {
        this.store = store;
        this.flags = flags;
        this.tenancy = tenancy;
        this.changes = changes;
        this.ramp = ramp;
    }

    // reading -------------------------------------------------------------------------------------

    /** Every customer (platform path: admins only). */
    public List<Customer> customers() {
        return tenancy.allCustomers();
    }

    public EffectiveFlag evaluate(Customer customer, Feature feature) {
        return flags.evaluate(customer, feature);
    }

    /** Every feature for one customer, in {@link Feature} order. */
    public Map<Feature, EffectiveFlag> effectiveFlags(Customer customer) {
        var result = new EnumMap<Feature, EffectiveFlag>(Feature.class);
        for (var f : Feature.values()) {
            result.put(f, flags.evaluate(customer, f));
        }
        return result;
    }

    /** The stored definitions (what the PostgreSQL data source feeds the SDK). */
    public List<FlagDefinition> flags() {
        return store.all();
    }

    public FlagDefinition flag(Feature feature) {
        return store.all().stream()
                .filter(f -> f.feature() == feature)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no flag row for " + feature.key()));
    }

    public List<RolloutStep> steps() {
        return store.steps();
    }

    /** Newest first. */
    public List<RolloutAuditEntry> auditLog(int limit) {
        return store.auditLog(limit);
    }

    /** The whole audit log as CSV (newest first), written by {@link Csv}: cells quoted, formula-looking text defused. */
    public String auditCsv() {
        return Csv.write(new String[] {"at", "actor", "feature", "action", "reason", "before", "after"}, csv -> {
            for (var e : store.auditLog(Integer.MAX_VALUE)) {
                csv.row(e.at().toString(), e.actor(), e.featureKey(), e.action(), e.reason(), e.before(), e.after());
            }
        });
    }

    /** For the readiness probe: a note when flags are not (yet) live, never a failure. */
    public RolloutStatus status() {
        return flags.status();
    }

    /** True when LAUNCHDARKLY_SDK_KEY is set: flags are edited in LaunchDarkly, not here. */
    public boolean managedInLaunchDarkly() {
        return flags.streamingFromLaunchDarkly();
    }

    // changing ------------------------------------------------------------------------------------

    public void setPercentage(Feature feature, int percentage, String actor, String reason) {
        if (percentage < 0 || percentage > 100) {
            throw new IllegalArgumentException("percentage must be 0 to 100");
        }
        changes.change(
                feature,
                actor,
                reason,
                "percentage " + percentage + " %",
                f -> FlagStates.withPercentage(f, percentage));
    }

    /** Replaces the whitelist; customers put on it leave the blocklist. */
    public void setWhitelist(Feature feature, Collection<String> slugs, String actor, String reason) {
        var list = slugs(slugs);
        changes.change(
                feature, actor, reason, "whitelist " + list, f -> withLists(f, list, minus(f.blocklist(), list)));
    }

    /** Replaces the blocklist; customers put on it leave the whitelist. */
    public void setBlocklist(Feature feature, Collection<String> slugs, String actor, String reason) {
        var list = slugs(slugs);
        changes.change(
                feature, actor, reason, "blocklist " + list, f -> withLists(f, minus(f.whitelist(), list), list));
    }

    public void whitelistAdd(Feature feature, Collection<String> slugs, String actor, String reason) {
        var add = slugs(slugs);
        changes.change(
                feature,
                actor,
                reason,
                "whitelist add " + add,
                f -> withLists(f, plus(f.whitelist(), add), minus(f.blocklist(), add)));
    }

    public void whitelistRemove(Feature feature, Collection<String> slugs, String actor, String reason) {
        var remove = slugs(slugs);
        changes.change(
                feature,
                actor,
                reason,
                "whitelist remove " + remove,
                f -> withLists(f, minus(f.whitelist(), remove), f.blocklist()));
    }

    public void blocklistAdd(Feature feature, Collection<String> slugs, String actor, String reason) {
        var add = slugs(slugs);
        changes.change(
                feature,
                actor,
                reason,
                "blocklist add " + add,
                f -> withLists(f, minus(f.whitelist(), add), plus(f.blocklist(), add)));
    }

    public void blocklistRemove(Feature feature, Collection<String> slugs, String actor, String reason) {
        var remove = slugs(slugs);
        changes.change(
                feature,
                actor,
                reason,
                "blocklist remove " + remove,
                f -> withLists(f, f.whitelist(), minus(f.blocklist(), remove)));
    }

    /** {@code killed = true} turns the flag off for every customer (the SDK serves the off variation). */
    public void setKillSwitch(Feature feature, boolean killed, String actor, String reason) {
        changes.change(
                feature,
                actor,
                reason,
                killed ? "kill switch on" : "kill switch off",
                f -> FlagStates.withOn(f, !killed));
    }

    /**
     * Schedules a ramp step: at {@code at} the scheduler sets the percentage, unless the feature's error rate is above
     * {@code safeguardThresholdPercent} (then the ramp pauses and admins are alerted).
     */
    public RolloutStep scheduleStep(
            Feature feature,
            int percentage,
            Instant at,
            double safeguardThresholdPercent,
            String actor,
            String reason) {
        changes.requireChange(actor, reason);
        if (percentage < 0 || percentage > 100) {
            throw new IllegalArgumentException("percentage must be 0 to 100");
        }
        if (safeguardThresholdPercent < 0 || safeguardThresholdPercent > 100) {
            throw new IllegalArgumentException("safeguard threshold must be 0 to 100 %");
        }
        var step = new RolloutStep(
                UUID.randomUUID(),
                feature,
                percentage,
                at,
                safeguardThresholdPercent,
                RolloutStep.Status.PENDING,
                actor,
                null);
        changes.tx().executeWithoutResult(status -> {
            store.insertStep(step);
            store.audit(actor, feature, "schedule step", null, FlagStates.stepJson(step), reason.strip());
        });
        changes.afterChange();
        return step;
    }

    /** Clears a pause (safeguard or manual): paused steps become pending again. */
    public void resumeRamp(Feature feature, String actor, String reason) {
        changes.change(
                feature,
                actor,
                reason,
                "resume ramp",
                FlagStates::resumed,
                () -> store.moveSteps(feature, RolloutStep.Status.PAUSED, RolloutStep.Status.PENDING));
    }

    /** Cancels every pending or paused step of a feature. */
    public void cancelSteps(Feature feature, String actor, String reason) {
        changes.requireChange(actor, reason);
        changes.tx().executeWithoutResult(status -> {
            var n = store.moveSteps(feature, RolloutStep.Status.PENDING, RolloutStep.Status.CANCELLED)
                    + store.moveSteps(feature, RolloutStep.Status.PAUSED, RolloutStep.Status.CANCELLED);
            store.audit(
                    actor,
                    feature,
                    "cancel steps",
                    null,
                    LDValue.buildObject().put("cancelled", n).build().toJsonString(),
                    reason.strip());
        });
        changes.afterChange();
    }

    // the scheduler and its safeguard ---------------------------------------------------------------

    /**
     * Applies due steps (one replica per step) after checking each one's safeguard; returns how many applied. Does
     * nothing while flags are managed in LaunchDarkly.
     */
    public int applyDueSteps(Instant now) {
        return managedInLaunchDarkly() ? 0 : ramp.applyDueSteps(now);
    }

    /** Pauses any active ramp whose feature's error rate is above its next step's threshold. */
    public int checkSafeguards() {
        return managedInLaunchDarkly() ? 0 : ramp.checkSafeguards();
    }
}
