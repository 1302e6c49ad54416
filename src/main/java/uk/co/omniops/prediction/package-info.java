/**
 * Predictions per open conversation (escalation risk, expected CSAT, time to resolution) and the per-customer volume forecast. Consumes MessageAnalysed; publishes PredictionUpdated.
 */
@NullMarked
package uk.co.omniops.prediction;

import org.jspecify.annotations.NullMarked;
