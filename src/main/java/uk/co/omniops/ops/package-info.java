/**
 * Operations: liveness and readiness probes, metrics, alert rules (the daily AI cost alert reads the analysis module's {@code AiGateway} ledger through the {@code omniops.ml_api.cost_daily} gauge) and operations commands. Publishes and consumes no events.
 */
@NullMarked
package uk.co.omniops.ops;

import org.jspecify.annotations.NullMarked;
