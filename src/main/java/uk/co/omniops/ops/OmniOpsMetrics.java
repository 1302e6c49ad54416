package uk.co.omniops.ops;

import java.util.Set;
import uk.co.omniops.platform.Jobs;

/** The seed's metric names; the Datadog dashboard and monitors in {@code deploy/datadog} query exactly these. */
public final class OmniOpsMetrics {

    public static final String SENTIMENT_LATENCY = "omniops.sentiment.latency";
    public static final String ML_API_ERRORS = "omniops.ml_api.errors";
    public static final String ML_API_AVAILABILITY = "omniops.ml_api.availability";
    /** Defined by the job queue in {@code platform}, which depends on no module. */
    public static final String QUEUE_LAG = Jobs.QUEUE_LAG_METRIC;

    public static final String JOBS_PROCESSED = Jobs.PROCESSED_METRIC;
    public static final String JOBS_FAILED = Jobs.FAILED_METRIC;
    public static final String CATEGORIES_LATENCY = "omniops.categories.latency";
    public static final String PHASE4_ERRORS = "omniops.phase4.errors";
    public static final String ML_API_COST_DAILY = "omniops.ml_api.cost_daily";
    public static final String REQUESTS = "omniops.requests";
    /** 1 while Redis answers, 0 while it does not: Redis is no readiness check (the product runs without it). */
    public static final String REDIS_AVAILABLE = "omniops.redis.available";

    public static final Set<String> NAMES = Set.of(
            SENTIMENT_LATENCY,
            ML_API_ERRORS,
            ML_API_AVAILABILITY,
            QUEUE_LAG,
            PHASE4_ERRORS,
            ML_API_COST_DAILY,
            REQUESTS,
            JOBS_PROCESSED,
            JOBS_FAILED,
            CATEGORIES_LATENCY,
            REDIS_AVAILABLE);

    private OmniOpsMetrics() {}
}
