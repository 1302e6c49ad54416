package uk.co.omniops.suggestion.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.conversation.MessageReceived;

/**
 * Durable, at-least-once listeners (both handlers are idempotent). No surrounding transaction: the work runs in
 * tenant transactions of its own, which must not join one opened here without a tenant.
 */
@Component
class SuggestionListeners {

    private final SuggestionService suggestions;

    SuggestionListeners(SuggestionService suggestions) {
        this.suggestions = suggestions;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessageAnalysed event) {
        suggestions.onAnalysed(event);
    }

    /**
     * Agents' replies: feedback on the suggestions shown, and the past-reply index. The condition is checked
     * before the event publication is stored and again before every (re)delivery, so contacts' messages (most of
     * the traffic) cost no publication row and never reach this method.
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED, condition = "#event.authorType().name() == 'AGENT'")
    void on(MessageReceived event) {
        suggestions.onAgentReply(event.customerId(), event.conversationId(), event.messageId());
    }
}
