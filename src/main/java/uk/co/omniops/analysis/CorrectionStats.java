package uk.co.omniops.analysis;

import org.jspecify.annotations.Nullable;

/**
 * How a customer's adapted model does on its agents' corrections.
 *
 * @param corrections corrections learnt so far
 * @param sentimentAccuracy prequential: share of sentiment corrections the adapted model already agreed with
 *     before learning each one (null before the first)
 * @param categoryAccuracy the same for category corrections
 */
public record CorrectionStats(long corrections, @Nullable Double sentimentAccuracy, @Nullable Double categoryAccuracy) {}
