package uk.co.omniops.analysis;

import org.jspecify.annotations.Nullable;

/**
 * How a customer's adapted model does on its agents' corrections.
 *
 * @param corrections corrections learnt so far
 * @param sentimentCorrections of which sentiment corrections (the n behind {@code sentimentAccuracy})
 * @param categoryCorrections of which category corrections (the n behind {@code categoryAccuracy})
 * @param sentimentAccuracy prequential: share of sentiment corrections the adapted model already agreed with
 *     before learning each one (null before the first)
 * @param categoryAccuracy the same for category corrections
 */
public record CorrectionStats(
        long corrections,
        long sentimentCorrections,
        long categoryCorrections,
        @Nullable Double sentimentAccuracy,
        @Nullable Double categoryAccuracy) {

    /**
     * Corrections of one kind an accuracy must rest on before a page shows it: below that one correction reads as
     * "0 %" or "100 %" and the rate says nothing (a 95 % interval at n = 20 is still about ±20 points).
     */
    public static final int MIN_FOR_ACCURACY = 20;

    /** The sentiment accuracy once it rests on {@link #MIN_FOR_ACCURACY} corrections, else null. */
    public @Nullable Double shownSentimentAccuracy() {
        return sentimentCorrections >= MIN_FOR_ACCURACY ? sentimentAccuracy : null;
    }

    /** The category accuracy once it rests on {@link #MIN_FOR_ACCURACY} corrections, else null. */
    public @Nullable Double shownCategoryAccuracy() {
        return categoryCorrections >= MIN_FOR_ACCURACY ? categoryAccuracy : null;
    }
}
