package uk.co.omniops.escalation.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import uk.co.omniops.escalation.ConversationEscalated;
import uk.co.omniops.prediction.PredictionManagement;

/**
 * The link with the prediction module (escalation depends on prediction, never the reverse): each escalation is
 * reported as the label the risk model learns from, in the escalation's own transaction (a plain listener: the
 * label commits with the escalation, exactly once, without an event publication). The predicted risk itself is read
 * by the rules in the analysis' unit of work, after the prediction module stored it.
 */
@Component
class PredictionInputs {

    private final PredictionManagement predictions;

    PredictionInputs(PredictionManagement predictions) {
        this.predictions = predictions;
    }

    @EventListener
    void on(ConversationEscalated event) {
        predictions.recordEscalation(event.customerId(), event.conversationId(), event.openedAt());
    }
}
