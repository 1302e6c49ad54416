package uk.co.omniops.rollout;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rollout tuning.
 *
 * @param initialPercentage percentage every flag gets when first seeded (0 in production; the test profile uses 100
 *        so other modules' tests find their AI features on)
 * @param betaCustomers slugs whitelisted on every flag when first seeded
 * @param startWait how long startup waits for LaunchDarkly before carrying on with safe defaults
 * @param pollInterval safety-net re-read of the flag tables (live updates normally propagate within a second)
 * @param schedulerInterval how often due ramp steps and safeguards are checked
 */
@ConfigurationProperties("omniops.rollout")
public record RolloutSettings(
        @DefaultValue("0") int initialPercentage,

        @DefaultValue({"techsupport-co", "thompson-engineering", "fooddelivery-inc"})
        List<String> betaCustomers,

        @DefaultValue("5s") Duration startWait,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("10s") Duration schedulerInterval) {}
