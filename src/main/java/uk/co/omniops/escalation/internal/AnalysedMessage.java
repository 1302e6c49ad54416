package uk.co.omniops.escalation.internal;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * What escalation needs from an analysed contact message (adapted from {@link MessageAnalysed}); the tests feed it
 * directly. {@code at} is when the analysis arrived (close to the message's time).
 */
public record AnalysedMessage(
        MessageId messageId,
        ConversationId conversationId,
        CustomerId customerId,
        @Nullable Double score,
        @Nullable String label,
        @Nullable Double confidence,
        List<String> categories,
        Instant at) {

    public AnalysedMessage {
        categories = List.copyOf(categories);
    }

    public static AnalysedMessage of(MessageAnalysed e, Instant at) {
        var s = e.sentiment();
        return new AnalysedMessage(
                e.messageId(),
                e.conversationId(),
                e.customerId(),
                s == null ? null : s.score(),
                s == null ? null : s.label(),
                s == null ? null : s.confidence(),
                e.categories().stream().map(MessageAnalysed.Category::key).toList(),
                at);
    }
}
