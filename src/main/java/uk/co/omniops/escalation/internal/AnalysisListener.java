package uk.co.omniops.escalation.internal;

import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.MessagesAnalysed;

/**
 * Feeds the analysis' batches into the rules, in the analysis' own transaction (a plain listener of the batch event,
 * after the prediction module's, so the predicted-risk rules read the risk the batch stored): the signals, the
 * escalations and their notifications of the whole batch are written at its end in a few batched statements
 * ({@link Escalator#onAnalysedAll}) and commit with the analysis, exactly once, without an event publication; a
 * failure rolls the analysis back and its jobs are retried. Actions on the conversation (priority, assignment) run
 * after commit.
 *
 * @see <a href="../../../../../../../docs/decisions/009-analysis-pipeline.md">decision 009</a>
 */
@Component
class AnalysisListener {

    /** After the prediction module's listener of the same event. */
    static final int ORDER = 20;

    private final Escalator escalator;

    AnalysisListener(Escalator escalator) {
        this.escalator = escalator;
    }

    @EventListener
    @Order(ORDER)
    void on(MessagesAnalysed event) {
        var at = Instant.now();
        escalator.onAnalysedAll(
                event.customerId(),
                event.messages().stream()
                        .map(m -> new Escalator.Batched(AnalysedMessage.of(m, at), m.text(), m.conversation()))
                        .toList());
    }
}
