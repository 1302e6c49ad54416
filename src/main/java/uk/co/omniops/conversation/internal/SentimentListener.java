package uk.co.omniops.conversation.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.SentimentsAnalysed;

/**
 * Keeps each conversation's latest sentiment from the analyses of its messages. A plain listener of the analysis'
 * batch ({@link SentimentsAnalysed}, one per analysis transaction): it stores the batch's sentiments in that
 * transaction, just before it commits (one statement per batch; the conversation rows are locked only at the very
 * end of the unit of work, so an ingestion into one of them waits as little as possible), so the inbox's sentiment
 * commits with the analysis and needs no event publication (a redelivered analysis is not published again;
 * {@code recordSentiments} ignores an older message's sentiment).
 */
@Component
class SentimentListener {

    private final ConversationManagement conversations;

    SentimentListener(ConversationManagement conversations) {
        this.conversations = conversations;
    }

    @EventListener
    void on(SentimentsAnalysed event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    conversations.recordSentiments(event.customerId(), event.sentiments());
                }
            });
        } else {
            conversations.recordSentiments(event.customerId(), event.sentiments());
        }
    }
}
