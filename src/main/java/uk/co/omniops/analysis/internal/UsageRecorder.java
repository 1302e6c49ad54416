package uk.co.omniops.analysis.internal;

import uk.co.omniops.tenancy.CustomerId;

/** Records one external model call (the AI cost ledger). Implementations never throw. */
interface UsageRecorder {

    /** @param outcome success, timeout, rate_limited, error, invalid_output or circuit_open */
    void record(CustomerId customer, String feature, String model, int promptTokens, int completionTokens,
            long latencyMillis, String outcome);
}
