package uk.co.omniops.rollout;

/** Why a feature is on or off for a customer (the badge on the rollout page and the API's {@code reason}). */
public enum FlagReason {
    /** The customer is on the feature's beta whitelist. */
    WHITELISTED,
    /** The customer is on the feature's blocklist (evaluated before the percentage rollout). */
    BLOCKLISTED,
    /** The customer's bucket falls inside the rollout percentage. */
    IN_ROLLOUT,
    /** The customer's bucket falls outside the rollout percentage. */
    OUTSIDE_ROLLOUT,
    /** The prerequisite flag (e.g. sentiment-analysis) is off for this customer. */
    PREREQUISITE_OFF,
    /** A {@code FEATURE_*=false} environment kill switch (the feature's or its prerequisite's). */
    KILLED_BY_ENV,
    /** The flag itself is off (the rollout page's kill switch). */
    FLAG_OFF,
    /** Decided by LaunchDarkly (streaming mode); the explanation carries LaunchDarkly's reason. */
    LAUNCHDARKLY,
    /** No decision could be made (flag store not ready, unknown customer): the safe default, off. */
    UNAVAILABLE
}
