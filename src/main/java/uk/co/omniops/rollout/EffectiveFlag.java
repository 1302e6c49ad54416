package uk.co.omniops.rollout;

/**
 * Whether a feature is on for one customer right now, and why.
 *
 * @param explanation a short human sentence, e.g. "in the 30 % bucket" or "killed by env: FEATURE_AUTO_ESCALATION=false"
 */
public record EffectiveFlag(Feature feature, boolean enabled, FlagReason reason, String explanation) {}
