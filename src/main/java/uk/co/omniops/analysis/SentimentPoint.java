package uk.co.omniops.analysis;

import java.time.Instant;
import uk.co.omniops.conversation.MessageId;

/** One point of a conversation's sentiment trend, oldest first: score 0 (negative) … 1 (positive). */
public record SentimentPoint(MessageId messageId, Instant at, double score, String label, double confidence) {}
