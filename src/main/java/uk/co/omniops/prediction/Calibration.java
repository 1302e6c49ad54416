package uk.co.omniops.prediction;

import java.util.List;

/**
 * Reliability of the risk predictions over resolved history: the predicted risk (made before any escalation) in
 * ten bins 0–0.1 … 0.9–1 against the observed escalation rate.
 *
 * @param conversations how many resolved conversations were scored
 * @param brier mean squared error of the predicted risk (0 is perfect); NaN without data
 */
public record Calibration(List<Bin> bins, int conversations, double brier) {

    /**
     * Resolved conversations a Brier score must rest on before a page shows it: from one conversation it is 0 or
     * the square of one error, and says nothing about the model.
     */
    public static final int MIN_FOR_BRIER = 30;

    public Calibration {
        bins = List.copyOf(bins);
    }

    /** Whether {@link #brier()} rests on enough conversations to be shown ({@link #MIN_FOR_BRIER}). */
    public boolean enoughForBrier() {
        return conversations >= MIN_FOR_BRIER && !Double.isNaN(brier);
    }

    /** @param meanPredicted NaN when {@code count} is 0; {@code observedRate} likewise */
    public record Bin(double from, double to, int count, int escalated, double meanPredicted, double observedRate) {}
}
