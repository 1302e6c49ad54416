package uk.co.omniops.escalation.internal;

import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import uk.co.omniops.analysis.MessageAnalysed;

/**
 * Feeds analysed messages into the rules, in the analysis' own transaction (a plain listener, after the prediction
 * module's, so the predicted-risk rules read the risk of this very message): the signal, the escalation and its
 * notifications commit with the analysis, exactly once, without an event publication; a failure rolls the analysis
 * back and its job is retried. Actions on the conversation (priority, assignment) run after commit.
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
    void on(MessageAnalysed event) {
        escalator.onAnalysed(AnalysedMessage.of(event, Instant.now()), event.text(), event.conversation());
    }
}
