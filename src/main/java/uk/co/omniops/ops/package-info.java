/**
 * Operations: liveness and readiness probes, metrics, alert rules, the AI cost ledger and operations commands. Publishes and consumes no events.
 */
@NullMarked
package uk.co.omniops.ops;

import org.jspecify.annotations.NullMarked;
