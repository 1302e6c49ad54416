package uk.co.omniops.analysis;

/**
 * A sentiment in the words people use: "very negative", "negative", "neutral", "positive", "very positive". Pages say
 * these words and keep the number (0 negative … 1 positive) for a tooltip. "Very" is the outer fifth of the scale,
 * where the model puts fury and delight (a calm problem report scores about 0.35–0.45).
 */
public final class SentimentWords {

    private SentimentWords() {}

    /** The model's label with its strength: "very negative" for a negative message scoring 0.2 or less. */
    public static String of(String label, double score) {
        return switch (label) {
            case "negative" -> score <= 0.2 ? "very negative" : "negative";
            case "positive" -> score >= 0.8 ? "very positive" : "positive";
            default -> label;
        };
    }

    /** A score without its label (an average, a conversation's lowest): the same bands, neutral around the middle. */
    public static String of(double score) {
        if (score <= 0.2) {
            return "very negative";
        }
        if (score < 0.45) {
            return "negative";
        }
        if (score <= 0.55) {
            return "neutral";
        }
        return score < 0.8 ? "positive" : "very positive";
    }
}
