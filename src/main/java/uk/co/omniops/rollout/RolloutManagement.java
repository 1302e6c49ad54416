package uk.co.omniops.rollout;

import com.launchdarkly.sdk.LDValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
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

    private static final Logger log = LoggerFactory.getLogger(RolloutManagement.class);
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    public static final LiveUpdate.Kind SAFEGUARD_KIND = LiveUpdate.Kind.ROLLOUT_SAFEGUARD;

    private final RolloutStore store;
    private final SdkFeatureFlags flags;
    private final TenancyManagement tenancy;
    private final RolloutSafeguardMetrics metrics;
    private final ObjectProvider<RolloutAlerts> alerts;
    private final TransactionTemplate tx;

    RolloutManagement(
            RolloutStore store,
            SdkFeatureFlags flags,
            TenancyManagement tenancy,
            RolloutSafeguardMetrics metrics,
            ObjectProvider<RolloutAlerts> alerts,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.flags = flags;
        this.tenancy = tenancy;
        this.metrics = metrics;
        this.alerts = alerts;
        this.tx = new TransactionTemplate(transactions);
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
        change(
                feature,
                actor,
                reason,
                "percentage " + percentage + " %",
                f -> with(f, f.on(), percentage, f.whitelist(), f.blocklist(), f.rampPaused(), f.pausedReason()));
    }

    /** Replaces the whitelist; customers put on it leave the blocklist. */
    public void setWhitelist(Feature feature, Collection<String> slugs, String actor, String reason) {
        var list = slugs(slugs);
        change(
                feature,
                actor,
                reason,
                "whitelist " + list,
                f -> with(
                        f, f.on(), f.percentage(), list, minus(f.blocklist(), list), f.rampPaused(), f.pausedReason()));
    }

    /** Replaces the blocklist; customers put on it leave the whitelist. */
    public void setBlocklist(Feature feature, Collection<String> slugs, String actor, String reason) {
        var list = slugs(slugs);
        change(
                feature,
                actor,
                reason,
                "blocklist " + list,
                f -> with(
                        f, f.on(), f.percentage(), minus(f.whitelist(), list), list, f.rampPaused(), f.pausedReason()));
    }

    public void whitelistAdd(Feature feature, Collection<String> slugs, String actor, String reason) {
        var add = slugs(slugs);
        change(
                feature,
                actor,
                reason,
                "whitelist add " + add,
                f -> with(
                        f,
                        f.on(),
                        f.percentage(),
                        plus(f.whitelist(), add),
                        minus(f.blocklist(), add),
                        f.rampPaused(),
                        f.pausedReason()));
    }

    public void whitelistRemove(Feature feature, Collection<String> slugs, String actor, String reason) {
        var remove = slugs(slugs);
        change(
                feature,
                actor,
                reason,
                "whitelist remove " + remove,
                f -> with(
                        f,
                        f.on(),
                        f.percentage(),
                        minus(f.whitelist(), remove),
                        f.blocklist(),
                        f.rampPaused(),
                        f.pausedReason()));
    }

    public void blocklistAdd(Feature feature, Collection<String> slugs, String actor, String reason) {
        var add = slugs(slugs);
        change(
                feature,
                actor,
                reason,
                "blocklist add " + add,
                f -> with(
                        f,
                        f.on(),
                        f.percentage(),
                        minus(f.whitelist(), add),
                        plus(f.blocklist(), add),
                        f.rampPaused(),
                        f.pausedReason()));
    }

    public void blocklistRemove(Feature feature, Collection<String> slugs, String actor, String reason) {
        var remove = slugs(slugs);
        change(
                feature,
                actor,
                reason,
                "blocklist remove " + remove,
                f -> with(
                        f,
                        f.on(),
                        f.percentage(),
                        f.whitelist(),
                        minus(f.blocklist(), remove),
                        f.rampPaused(),
                        f.pausedReason()));
    }

    /** {@code killed = true} turns the flag off for every customer (the SDK serves the off variation). */
    public void setKillSwitch(Feature feature, boolean killed, String actor, String reason) {
        change(
                feature,
                actor,
                reason,
                killed ? "kill switch on" : "kill switch off",
                f -> with(f, !killed, f.percentage(), f.whitelist(), f.blocklist(), f.rampPaused(), f.pausedReason()));
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
        requireChange(actor, reason);
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
        tx.executeWithoutResult(status -> {
            store.insertStep(step);
            store.audit(actor, feature, "schedule step", null, stepJson(step), reason.strip());
        });
        afterChange(feature, "schedule step", actor);
        return step;
    }

    /** Clears a pause (safeguard or manual): paused steps become pending again. */
    public void resumeRamp(Feature feature, String actor, String reason) {
        change(
                feature,
                actor,
                reason,
                "resume ramp",
                f -> with(f, f.on(), f.percentage(), f.whitelist(), f.blocklist(), false, null),
                () -> store.moveSteps(feature, RolloutStep.Status.PAUSED, RolloutStep.Status.PENDING));
    }

    /** Cancels every pending or paused step of a feature. */
    public void cancelSteps(Feature feature, String actor, String reason) {
        requireChange(actor, reason);
        tx.executeWithoutResult(status -> {
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
        afterChange(feature, "cancel steps", actor);
    }

    // the scheduler and its safeguard ---------------------------------------------------------------

    /** Applies due steps (one replica per step) after checking each one's safeguard; returns how many applied. */
    public int applyDueSteps(Instant now) {
        if (managedInLaunchDarkly()) {
            return 0;
        }
        var applied = new java.util.ArrayList<Feature>();
        var paused = new java.util.ArrayList<String[]>();
        tx.executeWithoutResult(status -> {
            for (var step : store.lockDueSteps(now)) {
                var before = store.lock(step.feature());
                if (before.rampPaused()) {
                    store.markStep(step.id(), RolloutStep.Status.PAUSED);
                    continue;
                }
                var rate = metrics.errorRatePercent(step.feature());
                if (rate > step.safeguardThresholdPercent()) {
                    pauseLocked(before, rate, step.safeguardThresholdPercent());
                    paused.add(new String[] {
                        step.feature().key(), Double.toString(rate), Double.toString(step.safeguardThresholdPercent())
                    });
                    continue;
                }
                var after = with(
                        before, before.on(), step.percentage(), before.whitelist(), before.blocklist(), false, null);
                store.save(after, "scheduler");
                store.audit(
                        "scheduler",
                        step.feature(),
                        "percentage " + step.percentage() + " %",
                        json(before),
                        json(next(after)),
                        "scheduled step by " + step.createdBy() + " (error rate " + percent(rate) + " within "
                                + percent(step.safeguardThresholdPercent()) + ")");
                store.markStep(step.id(), RolloutStep.Status.APPLIED);
                applied.add(step.feature());
            }
        });
        applied.forEach(f -> afterChange(f, "scheduled step", "scheduler"));
        paused.forEach(
                p -> alert(Feature.byKey(p[0]).orElseThrow(), Double.parseDouble(p[1]), Double.parseDouble(p[2])));
        return applied.size();
    }

    /** Pauses any active ramp whose feature's error rate is above its next step's threshold. */
    public int checkSafeguards() {
        if (managedInLaunchDarkly()) {
            return 0;
        }
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
                var didPause = Boolean.TRUE.equals(tx.execute(status -> {
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
        var message = safeguardMessage(rate, threshold);
        var after =
                with(before, before.on(), before.percentage(), before.whitelist(), before.blocklist(), true, message);
        store.save(after, "safeguard");
        store.moveSteps(before.feature(), RolloutStep.Status.PENDING, RolloutStep.Status.PAUSED);
        store.audit("safeguard", before.feature(), "pause ramp", json(before), json(next(after)), message);
    }

    static String safeguardMessage(double rate, double threshold) {
        return "paused by safeguard: error rate " + percent(rate) + " > " + percent(threshold);
    }

    private void alert(Feature feature, double rate, double threshold) {
        var message = feature.key() + ": " + safeguardMessage(rate, threshold);
        afterChange(feature, "pause ramp", "safeguard");
        alerts.orderedStream().forEach(a -> {
            try {
                a.safeguardTripped(feature, rate, threshold, message);
            } catch (RuntimeException e) {
                log.warn("A rollout alert hook failed: {}", e.toString());
            }
        });
    }

    // internals -----------------------------------------------------------------------------------

    private void change(
            Feature feature, String actor, String reason, String action, UnaryOperator<FlagDefinition> update) {
        change(feature, actor, reason, action, update, () -> 0);
    }

    private void change(
            Feature feature,
            String actor,
            String reason,
            String action,
            UnaryOperator<FlagDefinition> update,
            java.util.function.IntSupplier alsoInTransaction) {
        requireChange(actor, reason);
        var changed = Boolean.TRUE.equals(tx.execute(status -> {
            var before = store.lock(feature);
            var after = update.apply(before);
            var moved = alsoInTransaction.getAsInt();
            if (sameState(before, after) && moved == 0) {
                return false;
            }
            store.save(after, actor);
            store.audit(actor, feature, action, json(before), json(next(after)), reason.strip());
            return true;
        }));
        if (changed) {
            afterChange(feature, action, actor);
        }
    }

    private void afterChange(Feature feature, String action, String actor) {
        flags.refreshNow(); // this replica at once; the others on the live update below
        List<Customer> affected;
        try {
            affected = tenancy.allCustomers();
        } catch (RuntimeException e) {
            affected = List.of();
        }
        flags.announce(affected);
    }

    private void requireChange(String actor, String reason) {
        if (managedInLaunchDarkly()) {
            throw new IllegalStateException("Flags are managed in LaunchDarkly (LAUNCHDARKLY_SDK_KEY is set)");
        }
        if (actor.isBlank()) {
            throw new IllegalArgumentException("an actor is required");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required for every rollout change");
        }
    }

    private static boolean sameState(FlagDefinition a, FlagDefinition b) {
        return a.on() == b.on()
                && a.percentage() == b.percentage()
                && a.whitelist().equals(b.whitelist())
                && a.blocklist().equals(b.blocklist())
                && a.rampPaused() == b.rampPaused();
    }

    private static FlagDefinition with(
            FlagDefinition f,
            boolean on,
            int percentage,
            Set<String> whitelist,
            Set<String> blocklist,
            boolean paused,
            @Nullable String pausedReason) {
        return new FlagDefinition(
                f.feature(),
                on,
                percentage,
                whitelist,
                blocklist,
                f.salt(),
                f.version(),
                paused,
                pausedReason,
                f.updatedBy(),
                f.updatedAt());
    }

    private static FlagDefinition next(FlagDefinition f) {
        return new FlagDefinition(
                f.feature(),
                f.on(),
                f.percentage(),
                f.whitelist(),
                f.blocklist(),
                f.salt(),
                f.version() + 1,
                f.rampPaused(),
                f.pausedReason(),
                f.updatedBy(),
                f.updatedAt());
    }

    private static String json(FlagDefinition f) {
        var whitelist = LDValue.buildArray();
        f.whitelist().forEach(whitelist::add);
        var blocklist = LDValue.buildArray();
        f.blocklist().forEach(blocklist::add);
        return LDValue.buildObject()
                .put("on", f.on())
                .put("percentage", f.percentage())
                .put("whitelist", whitelist.build())
                .put("blocklist", blocklist.build())
                .put("rampPaused", f.rampPaused())
                .put("version", f.version())
                .build()
                .toJsonString();
    }

    private static String stepJson(RolloutStep s) {
        return LDValue.buildObject()
                .put("percentage", s.percentage())
                .put("dueAt", s.dueAt().toString())
                .put("safeguardThresholdPercent", s.safeguardThresholdPercent())
                .build()
                .toJsonString();
    }

    private static Set<String> slugs(Collection<String> slugs) {
        var result = new TreeSet<String>();
        for (var s : slugs) {
            var slug = s.strip().toLowerCase(Locale.ROOT);
            if (!SLUG.matcher(slug).matches()) {
                throw new IllegalArgumentException("not a customer slug: " + s);
            }
            result.add(slug);
        }
        return java.util.Collections.unmodifiableSortedSet(result);
    }

    private static Set<String> plus(Set<String> a, Set<String> b) {
        var r = new TreeSet<>(a);
        r.addAll(b);
        return java.util.Collections.unmodifiableSortedSet(r);
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        var r = new TreeSet<>(a);
        r.removeAll(b);
        return java.util.Collections.unmodifiableSortedSet(r);
    }

    static String percent(double value) {
        return BigDecimal.valueOf(Math.round(value * 10) / 10.0)
                        .stripTrailingZeros()
                        .toPlainString() + " %";
    }
}
