package uk.co.omniops.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.CustomerId;

/** Saves every flag before a rollout test and puts it back afterwards (the database is shared by the test JVM). */
public final class RolloutTestSupport {

    public static final String ACTOR = "test@rollout";

    private RolloutTestSupport() {}

    public static List<FlagDefinition> snapshot(RolloutManagement rollout) {
        return new ArrayList<>(rollout.flags());
    }

    public static void restore(RolloutManagement rollout, List<FlagDefinition> saved) {
        for (var f : saved) {
            var feature = f.feature();
            rollout.cancelSteps(feature, ACTOR, "test clean-up");
            rollout.resumeRamp(feature, ACTOR, "test clean-up");
            rollout.setKillSwitch(feature, !f.on(), ACTOR, "test clean-up");
            rollout.setWhitelist(feature, f.whitelist(), ACTOR, "test clean-up");
            rollout.setBlocklist(feature, f.blocklist(), ACTOR, "test clean-up");
            rollout.setPercentage(feature, f.percentage(), ACTOR, "test clean-up");
        }
    }

    /** A customer that exists only as a LaunchDarkly context (no database row). */
    public static Customer synthetic(int i) {
        var slug = "synthetic-%04d".formatted(i);
        return new Customer(
                new CustomerId(UUID.nameUUIDFromBytes(slug.getBytes())),
                slug,
                "Synthetic " + i,
                i % 3 == 0 ? "enterprise" : "business",
                i % 2 == 0 ? "eu" : "us",
                Instant.EPOCH);
    }
}
