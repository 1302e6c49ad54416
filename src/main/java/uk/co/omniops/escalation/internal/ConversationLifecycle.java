package uk.co.omniops.escalation.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import uk.co.omniops.conversation.ConversationResolved;
import uk.co.omniops.escalation.EscalationManagement;

/**
 * A resolved conversation closes its open escalation: a supervisor's desk holds only conversations that still need
 * someone. Durably after commit (one publication per resolved conversation); idempotent, so a redelivery changes
 * nothing. No surrounding transaction (tenant transactions inside).
 */
@Component
class ConversationLifecycle {

    private final EscalationManagement escalations;

    ConversationLifecycle(EscalationManagement escalations) {
        this.escalations = escalations;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ConversationResolved event) {
        escalations.closeForResolvedConversation(
                event.customerId(), event.conversationId(), event.resolvedBy(), event.resolvedAt());
    }
}
