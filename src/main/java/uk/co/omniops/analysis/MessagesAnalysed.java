package uk.co.omniops.analysis;

import java.util.List;
import uk.co.omniops.conversation.SentimentsAnalysed;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Several of one customer's contact messages were analysed in one transaction (a batch under load; one message when
 * the queue is idle, or after a correction). Published in that transaction before the {@link MessageAnalysed} of each
 * of them, so that the listeners whose storage is batched (prediction: a few statements per batch instead of per
 * message; the conversation module's latest sentiment) do their work once per batch, and those that react to one
 * message at a time (escalation rules, suggestions) read what the batch stored.
 *
 * @param messages in the order the analysis stored them (by conversation, then creation)
 */
public record MessagesAnalysed(CustomerId customerId, List<MessageAnalysed> messages) implements SentimentsAnalysed {

    public MessagesAnalysed {
        messages = List.copyOf(messages);
        if (messages.stream().anyMatch(m -> !m.customerId().equals(customerId))) {
            throw new IllegalArgumentException("a batch of analysed messages belongs to one customer");
        }
    }

    @Override
    public List<MessageAnalysed> sentiments() {
        return messages;
    }
}
