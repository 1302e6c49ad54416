package uk.co.omniops.rollout;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.co.omniops.rollout.internal.RolloutStore;
import uk.co.omniops.rollout.internal.SdkFeatureFlags;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * How a flag changes: the row locked, saved with its audit line in one transaction (a change that changes nothing
 * writes nothing), then this replica's flags refreshed and every replica told ({@code rollout.changed}).
 */
@Component
class FlagChanges {

    private final RolloutStore store;
    private final SdkFeatureFlags flags;
    private final TenancyManagement tenancy;
    private final TransactionTemplate tx;

    FlagChanges(
            RolloutStore store,
            SdkFeatureFlags flags,
            TenancyManagement tenancy,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.flags = flags;
        this.tenancy = tenancy;
        this.tx = new TransactionTemplate(transactions);
    }

    TransactionTemplate tx() {
        return tx;
    }

    void change(Feature feature, String actor, String reason, String action, UnaryOperator<FlagDefinition> update) {
        change(feature, actor, reason, action, update, () -> 0);
    }

    /**
     * @param alsoInTransaction more work in the same transaction; returns how many rows it moved (a change that moved
     *     some is audited even when the flag's state stays the same)
     */
    void change(
            Feature feature,
            String actor,
            String reason,
            String action,
            UnaryOperator<FlagDefinition> update,
            IntSupplier alsoInTransaction) {
        requireChange(actor, reason);
        var changed = Boolean.TRUE.equals(tx.execute(status -> {
            var before = store.lock(feature);
            var after = update.apply(before);
            var moved = alsoInTransaction.getAsInt();
            if (FlagStates.sameState(before, after) && moved == 0) {
                return false;
            }
            store.save(after, actor);
            store.audit(
                    actor,
                    feature,
                    action,
                    FlagStates.json(before),
                    FlagStates.json(FlagStates.next(after)),
                    reason.strip());
            return true;
        }));
        if (changed) {
            afterChange();
        }
    }

    /** This replica's flags at once; the others on the live update. */
    void afterChange() {
        flags.refreshNow();
        List<Customer> affected;
        try {
            affected = tenancy.allCustomers();
        } catch (RuntimeException e) {
            affected = List.of();
        }
        flags.announce(affected);
    }

    /** True when LAUNCHDARKLY_SDK_KEY is set: flags are edited in LaunchDarkly, not here. */
    boolean managedInLaunchDarkly() {
        return flags.streamingFromLaunchDarkly();
    }

    void requireChange(String actor, String reason) {
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
}
