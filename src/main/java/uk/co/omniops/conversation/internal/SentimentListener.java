package uk.co.omniops.conversation.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.conversation.SentimentAnalysed;

/**
 * Keeps each conversation's latest sentiment from the analyses of its messages. A plain listener: it runs in the
 * transaction that stores the analysis, so the inbox's sentiment commits with it and needs no event publication
 * (a redelivered analysis is not published again; {@code recordSentiment} ignores an older message's sentiment).
 */
@Component
class SentimentListener {

    private final ConversationManagement conversations;

    SentimentListener(ConversationManagement conversations) {
        this.conversations = conversations;
    }

    @EventListener
    void on(SentimentAnalysed event) {
        var score = event.sentimentScore();
        var label = event.sentimentLabel();
        if (score != null && label != null && InboxQuery.SENTIMENT_LABELS.contains(label) && score >= 0 && score <= 1) {
            conversations.recordSentiment(event.customerId(), event.conversationId(), event.messageId(), score, label);
        }
    }
}
