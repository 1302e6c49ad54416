package uk.co.omniops.rollout;

/**
 * Hook for telling admins that a safeguard paused a ramp. The rollout module always logs at WARN and publishes a
 * {@code rollout.safeguard} live update; e-mail and Slack come with the escalation notifications work, which
 * implements this interface (every bean of this type is called).
 */
public interface RolloutAlerts {

    void safeguardTripped(Feature feature, double errorRatePercent, double thresholdPercent, String message);
}
