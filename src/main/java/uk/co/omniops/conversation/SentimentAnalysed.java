package uk.co.omniops.conversation;

import org.jspecify.annotations.Nullable;
import uk.co.omniops.tenancy.CustomerId;

/**
 * A contact message's sentiment was analysed: what the conversation module needs to keep each conversation's latest
 * sentiment (the inbox sorts and filters by it). The analysis module's event implements it, so the conversation
 * module, which owns that fact, reacts to the event without depending on the analysis module (which depends on it).
 * Delivered synchronously, in the transaction that stores the analysis.
 */
public interface SentimentAnalysed {

    MessageId messageId();

    ConversationId conversationId();

    CustomerId customerId();

    /** 0 (negative) … 1 (positive); null when sentiment analysis is off. */
    @Nullable
    Double sentimentScore();

    /** negative, neutral or positive; null when sentiment analysis is off. */
    @Nullable
    String sentimentLabel();
}
