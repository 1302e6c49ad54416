package uk.co.omniops.analysis;

import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.ConversationFacts;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.SentimentAnalysed;
import uk.co.omniops.tenancy.CustomerId;

/**
 * A contact's message was analysed (published in the same transaction as the stored results, once per message;
 * a re-analysis after an agent's correction publishes it again with the corrected values). It carries what its
 * listeners need — the message's text and the conversation's facts — so that none of them loads the conversation.
 *
 * @param sentiment null when sentiment analysis is off for the customer
 * @param categories empty when auto-categorisation is off or nothing scored high enough; retired keys never appear
 * @param models the model versions that produced the results, e.g. {@code sentiment-v1+adapter}
 * @param text the message's text
 * @param conversation the conversation when the message was analysed (bounded: its newest messages only)
 */
public record MessageAnalysed(
        MessageId messageId,
        ConversationId conversationId,
        CustomerId customerId,
        @Nullable Sentiment sentiment,
        List<Category> categories,
        List<String> models,
        String text,
        ConversationFacts conversation)
        implements SentimentAnalysed {

    /** @param score 0 (negative) … 1 (positive); label negative/neutral/positive; confidence 0…1 */
    public record Sentiment(double score, String label, double confidence, String model) {}

    /** @param source {@code model} or {@code agent} (a correction) */
    public record Category(String key, double confidence, String source) {}

    @Override
    public @Nullable Double sentimentScore() {
        return sentiment == null ? null : sentiment.score();
    }

    @Override
    public @Nullable String sentimentLabel() {
        return sentiment == null ? null : sentiment.label();
    }
}
