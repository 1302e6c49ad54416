package uk.co.omniops.analysis.model;

/**
 * Sentiment of one message.
 *
 * @param score      0 (very negative) … 0.5 (neutral) … 1 (very positive): P(positive) + P(neutral)/2
 * @param label      {@code negative}, {@code neutral} or {@code positive}; never null
 * @param confidence probability of {@code label}, 0–1
 * @param model      version of the model (and "+adapter" when a customer adapter was applied)
 */
public record SentimentResult(double score, String label, double confidence, String model) {}
