package uk.co.omniops.prediction;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.Priority;

/**
 * A resolved conversation the prediction module never saw through events (the demo history), with what the live
 * pipeline would have learnt about it: its messages and their analysis, when it was escalated and resolved. Input of
 * {@link PredictionManagement#replay}.
 *
 * @param messages the conversation's messages (no internal notes), in any order
 * @param escalatedAt the first escalation, null when never escalated
 */
public record PastConversation(
        ConversationId id,
        Instant startedAt,
        boolean vip,
        Priority priority,
        List<PastMessage> messages,
        @Nullable Instant escalatedAt,
        Instant resolvedAt) {

    public PastConversation {
        messages = List.copyOf(messages);
    }

    /**
     * @param analysedAt when the analysis of this message finished ({@code MessageAnalysed}); null when it was never
     *        analysed (agent messages)
     * @param score its sentiment score 0…1, null without one
     * @param categories its category keys
     */
    public record PastMessage(
            MessageId id,
            AuthorType author,
            Instant at,
            @Nullable Instant analysedAt,
            @Nullable Double score,
            List<String> categories) {

        public PastMessage {
            categories = List.copyOf(categories);
        }
    }
}
