/**
 * Predictions per open conversation (escalation risk, expected CSAT, time to resolution) and the per-customer volume forecast. Consumes MessagesAnalysed (the analysis' batch, in its transaction: a few statements per batch) and ConversationResolved; the escalation module reports escalations to it. Publishes no event: the escalation rules read the risk in the same unit of work.
 * Resolved conversations that never produced events (the demo history) can be replayed through the same steps
 * ({@code PredictionManagement.replay}).
 */
@NullMarked
package uk.co.omniops.prediction;

import org.jspecify.annotations.NullMarked;
