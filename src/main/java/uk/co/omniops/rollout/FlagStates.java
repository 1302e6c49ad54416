package uk.co.omniops.rollout;

import com.launchdarkly.sdk.LDValue;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A flag's next state as the rollout changes it, and how states and steps read in the audit log: pure functions over
 * {@link FlagDefinition}, shared by {@link RolloutManagement} and {@link RolloutRamp}.
 */
final class FlagStates {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    private FlagStates() {}

    static FlagDefinition withOn(FlagDefinition f, boolean on) {
        return with(f, on, f.percentage(), f.whitelist(), f.blocklist(), f.rampPaused(), f.pausedReason());
    }

    static FlagDefinition withPercentage(FlagDefinition f, int percentage) {
        return with(f, f.on(), percentage, f.whitelist(), f.blocklist(), f.rampPaused(), f.pausedReason());
    }

    static FlagDefinition withLists(FlagDefinition f, Set<String> whitelist, Set<String> blocklist) {
        return with(f, f.on(), f.percentage(), whitelist, blocklist, f.rampPaused(), f.pausedReason());
    }

    /** A ramp step applied: the step's percentage, and any pause cleared. */
    static FlagDefinition stepped(FlagDefinition f, int percentage) {
        return with(f, f.on(), percentage, f.whitelist(), f.blocklist(), false, null);
    }

    static FlagDefinition paused(FlagDefinition f, String reason) {
        return with(f, f.on(), f.percentage(), f.whitelist(), f.blocklist(), true, reason);
    }

    static FlagDefinition resumed(FlagDefinition f) {
        return with(f, f.on(), f.percentage(), f.whitelist(), f.blocklist(), false, null);
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

    /** The state as saved: one version on. */
    static FlagDefinition next(FlagDefinition f) {
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

    /** Whether a change would change nothing a customer or the ramp sees. */
    static boolean sameState(FlagDefinition a, FlagDefinition b) {
        return a.on() == b.on()
                && a.percentage() == b.percentage()
                && a.whitelist().equals(b.whitelist())
                && a.blocklist().equals(b.blocklist())
                && a.rampPaused() == b.rampPaused();
    }

    /** The state as the audit log's before and after columns show it. */
    static String json(FlagDefinition f) {
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

    static String stepJson(RolloutStep s) {
        return LDValue.buildObject()
                .put("percentage", s.percentage())
                .put("dueAt", s.dueAt().toString())
                .put("safeguardThresholdPercent", s.safeguardThresholdPercent())
                .build()
                .toJsonString();
    }

    /** Customer slugs as typed by an admin, checked and normalised (lower case, sorted). */
    static Set<String> slugs(Collection<String> slugs) {
        var result = new TreeSet<String>();
        for (var s : slugs) {
            var slug = s.strip().toLowerCase(Locale.ROOT);
            if (!SLUG.matcher(slug).matches()) {
                throw new IllegalArgumentException("not a customer slug: " + s);
            }
            result.add(slug);
        }
        return Collections.unmodifiableSortedSet(result);
    }

    static Set<String> plus(Set<String> a, Set<String> b) {
        var r = new TreeSet<>(a);
        r.addAll(b);
        return Collections.unmodifiableSortedSet(r);
    }

    static Set<String> minus(Set<String> a, Set<String> b) {
        var r = new TreeSet<>(a);
        r.removeAll(b);
        return Collections.unmodifiableSortedSet(r);
    }

    static String safeguardMessage(double rate, double threshold) {
        return "paused by safeguard: error rate " + percent(rate) + " > " + percent(threshold);
    }

    static String percent(double value) {
        return BigDecimal.valueOf(Math.round(value * 10) / 10.0)
                        .stripTrailingZeros()
                        .toPlainString() + " %";
    }
}
