package uk.co.omniops.prediction.internal;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessagesAnalysed;
import uk.co.omniops.conversation.ConversationResolved;

/**
 * Feeds the read model and the predictions from events.
 *
 * <p>{@link MessageAnalysed}: in the analysis' own transaction (a plain listener, ordered before the escalation rules,
 * which read the risk it stores): the prediction of a message commits with its analysis, exactly once, and costs no
 * event publication (docs/decisions/009-analysis-pipeline.md). {@link ConversationResolved}: durably after commit; no
 * surrounding transaction, the work runs in {@code TenantTransactions} of the event's customer.
 */
@Component
class PredictionListener {

    /** Before the escalation rules ({@code escalation.internal.AnalysisListener}) in the analysis' unit of work. */
    static final int ORDER = 10;

    private final Predictor predictor;

    PredictionListener(Predictor predictor) {
        this.predictor = predictor;
    }

    /**
     * The batch of analysed messages (published before each message's {@link MessageAnalysed}): stored with a few
     * statements per batch, before the escalation rules of any of its messages run.
     */
    @EventListener
    @Order(ORDER)
    void on(MessagesAnalysed event) {
        predictor.onAnalysedAll(event.messages());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ConversationResolved event) {
        predictor.onResolved(event.customerId(), event.conversationId(), event.resolvedAt());
    }
}
