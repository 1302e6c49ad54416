package uk.co.omniops.escalation.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import uk.co.omniops.escalation.ConversationEscalated;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.prediction.PredictionUpdated;

/**
 * The link with the prediction module (escalation depends on prediction, never the reverse): a new predicted risk
 * feeds the "predicted escalation risk ≥ p" rules, and each escalation is reported back as the label the risk model
 * learns from. Both after commit, durably; no surrounding transaction (tenant transactions inside).
 */
@Component
class PredictionInputs {

    private final Escalator escalator;
    private final PredictionManagement predictions;

    PredictionInputs(Escalator escalator, PredictionManagement predictions) {
        this.escalator = escalator;
        this.predictions = predictions;
    }

    /**
     * Only for customers with an enabled predicted-risk rule: the condition is checked before the event publication is
     * stored (and again before a redelivery), so the other customers' predictions cost no publication.
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED,
            condition = "@ruleService.evaluatesPredictions(#event.customerId())")
    void on(PredictionUpdated event) {
        escalator.onPredicted(event.customerId(), event.conversationId(), event.prediction().escalationRisk());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ConversationEscalated event) {
        predictions.recordEscalation(event.customerId(), event.conversationId(), event.openedAt());
    }
}
