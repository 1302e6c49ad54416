package uk.co.omniops.prediction.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.conversation.ConversationResolved;

/**
 * Feeds the read model and the predictions from events, durably after commit. No surrounding transaction: the work
 * runs in {@code TenantTransactions} of the event's customer (row-level security learns the tenant when a
 * transaction begins).
 */
@Component
class PredictionListener {

    private final Predictor predictor;

    PredictionListener(Predictor predictor) {
        this.predictor = predictor;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessageAnalysed event) {
        predictor.onAnalysed(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ConversationResolved event) {
        predictor.onResolved(event.customerId(), event.conversationId(), event.resolvedAt());
    }
}
