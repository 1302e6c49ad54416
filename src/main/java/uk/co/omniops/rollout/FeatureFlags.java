package uk.co.omniops.rollout;

import uk.co.omniops.tenancy.CustomerId;

/**
 * The one way modules ask whether a feature is on for a customer. Today backed by the {@code FEATURE_*} kill
 * switches ({@link FeatureSettings}) and prerequisites; the rollout work (LaunchDarkly, per-customer rollout)
 * replaces the implementation, not this interface. Cheap enough to call per message.
 */
public interface FeatureFlags {

    boolean isEnabled(CustomerId customer, Feature feature);
}
