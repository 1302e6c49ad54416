package uk.co.omniops.escalation.internal;

import java.time.Instant;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import uk.co.omniops.analysis.MessageAnalysed;

/**
 * Feeds analysed messages into the rules. Delivered after commit through the event publication registry
 * (at-least-once: storing the signal is an upsert and a repeat match adds to the open escalation, so a redelivery
 * never opens a second one).
 */
@Component
class AnalysisListener {

    private final Escalator escalator;

    AnalysisListener(Escalator escalator) {
        this.escalator = escalator;
    }

    /**
     * No surrounding transaction: row-level security learns the tenant when a transaction begins, so the work runs in
     * {@code TenantTransactions} of the event's customer instead of the listener's default {@code REQUIRES_NEW}.
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessageAnalysed event) {
        escalator.onAnalysed(AnalysedMessage.of(event, Instant.now()));
    }
}
