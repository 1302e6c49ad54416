package uk.co.omniops.rollout.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.RolloutSafeguardMetrics;

/**
 * Error rate = failed / (processed + failed) job attempts of the job type named like the feature key, from the job
 * queue's counters since this replica started; 0 while there are none. The counters are per replica and not per
 * customer: a coarse but honest signal until the pipeline tags by customer.
 */
@Component
class MicrometerSafeguardMetrics implements RolloutSafeguardMetrics {

    /** The job queue's counters ({@code uk.co.omniops.platform.Jobs#FAILED_METRIC} and {@code PROCESSED_METRIC}). */
    static final String FAILED = "omniops.jobs.failed";

    static final String PROCESSED = "omniops.jobs.processed";

    private final MeterRegistry registry;

    MicrometerSafeguardMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public double errorRatePercent(Feature feature) {
        var failed = sum(FAILED, feature.key());
        var processed = sum(PROCESSED, feature.key());
        var total = failed + processed;
        return total <= 0 ? 0 : 100.0 * failed / total;
    }

    private double sum(String name, String type) {
        return registry.find(name).tag("type", type).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
