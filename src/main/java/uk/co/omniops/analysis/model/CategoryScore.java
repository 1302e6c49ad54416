package uk.co.omniops.analysis.model;

/**
 * One category of a message with the model's confidence (0–1, an independent one-vs-rest
 * probability, so confidences of several categories need not sum to 1).
 *
 * @param key        a {@link Taxonomy} key; never null
 * @param confidence 0–1
 */
public record CategoryScore(String key, double confidence) {}
