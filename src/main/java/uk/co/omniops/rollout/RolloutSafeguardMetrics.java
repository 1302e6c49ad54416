package uk.co.omniops.rollout;

/**
 * The health signal the scheduled ramp's safeguard watches. The default reads the job queue's Micrometer counters
 * ({@code omniops.jobs.failed} / ({@code omniops.jobs.processed} + failed) with tag {@code type} = the feature key);
 * a module with a better signal supplies a {@code @Primary} bean.
 */
public interface RolloutSafeguardMetrics {

    /** The feature's current error rate in percent (0..100) for customers already in it; 0 when unknown. */
    double errorRatePercent(Feature feature);
}
