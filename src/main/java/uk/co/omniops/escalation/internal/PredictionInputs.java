package uk.co.omniops.escalation.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import uk.co.omniops.escalation.ConversationEscalated;
import uk.co.omniops.prediction.PredictionManagement;

/**
 * The link with the prediction module (escalation depends on prediction, never the reverse): each escalation is
 * reported as the label the risk model learns from, durably after commit (one publication per escalation, not per
 * message). Not in the escalation's transaction: the analysis' unit of work locks the conversation's prediction row
 * before it opens an escalation, so an escalation opened elsewhere (the wait-time scheduler) that locked that row
 * after its escalation would wait in the opposite order — a deadlock. The predicted risk itself is read by the rules
 * in the analysis' unit of work, after the prediction module stored it. No surrounding transaction (tenant
 * transactions inside).
 */
@Component
class PredictionInputs {

    private final PredictionManagement predictions;

    PredictionInputs(PredictionManagement predictions) {
        this.predictions = predictions;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ConversationEscalated event) {
        predictions.recordEscalation(event.customerId(), event.conversationId(), event.openedAt());
    }
}
