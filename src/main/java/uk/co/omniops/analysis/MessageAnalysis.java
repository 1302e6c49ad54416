package uk.co.omniops.analysis;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.MessageId;

/**
 * What is known about one message: its sentiment (null if not analysed) and categories (agents' corrections win
 * over the model's; retired keys are left out).
 *
 * @param corrected true when an agent corrected the sentiment (then {@code sentiment.model()} is {@code agent})
 */
public record MessageAnalysis(
        MessageId messageId,
        MessageAnalysed.@Nullable Sentiment sentiment,
        List<MessageAnalysed.Category> categories,
        boolean corrected,
        @Nullable Instant analysedAt) {}
