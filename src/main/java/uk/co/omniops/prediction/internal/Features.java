package uk.co.omniops.prediction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import uk.co.omniops.analysis.SentimentWords;
import uk.co.omniops.platform.Plural;

/**
 * The feature vector of one open conversation at one moment (fixed order, index 0 is the intercept). Inputs are
 * scaled to roughly 0…1 so that hand-set prior coefficients and learned ones are comparable.
 *
 * @see <a href="../../../../../../../docs/decisions/010-predictions.md">decision 010</a>
 */
final class Features {

    public static final List<String> CATEGORIES =
            List.of("refund", "billing", "delivery", "cancellation", "technical", "complaint", "human_agent");

    /** Names of the vector's entries. */
    public static final List<String> NAMES;

    static {
        var names = new ArrayList<>(List.of(
                "intercept",
                "negativity",
                "worstNegativity",
                "negativeStreak",
                "sentimentDrop",
                "waiting",
                "messages",
                "vip",
                "priority",
                "offHours"));
        CATEGORIES.forEach(c -> names.add("category:" + c));
        NAMES = List.copyOf(names);
    }

    public static final int SIZE = NAMES.size();

    /**
     * What is known about a conversation. Scores are 0 (negative) … 1 (positive), oldest first.
     *
     * @param priority 0 low … 3 urgent
     */
    public record Input(
            List<Double> scores,
            Set<String> categories,
            double waitingMinutes,
            int messageCount,
            boolean vip,
            int priority,
            int hourOfDay) {}

    private Features() {}

    public static double[] of(Input in) {
        var x = new double[SIZE];
        x[0] = 1;
        var scores = in.scores();
        double latest = scores.isEmpty() ? 0.5 : scores.getLast();
        double min = scores.stream().mapToDouble(Double::doubleValue).min().orElse(0.5);
        double max = scores.stream().mapToDouble(Double::doubleValue).max().orElse(0.5);
        x[1] = 1 - latest;
        x[2] = 1 - min;
        x[3] = Math.min(negativeStreak(scores), 5) / 5.0;
        x[4] = Math.max(0, max - latest);
        x[5] = Math.min(in.waitingMinutes(), 120) / 60.0;
        x[6] = Math.log1p(in.messageCount()) / Math.log1p(20);
        x[7] = in.vip() ? 1 : 0;
        x[8] = in.priority() / 3.0;
        x[9] = in.hourOfDay() < 8 || in.hourOfDay() >= 20 ? 1 : 0;
        for (int i = 0; i < CATEGORIES.size(); i++) {
            x[10 + i] = in.categories().contains(CATEGORIES.get(i)) ? 1 : 0;
        }
        return x;
    }

    /** Negative = score below 0.35 (the sentiment model's negative band). */
    public static int negativeStreak(List<Double> scores) {
        int n = 0;
        for (int i = scores.size() - 1; i >= 0 && scores.get(i) < 0.35; i--) {
            n++;
        }
        return n;
    }

    /** "1 message", "3 messages". */
    static String count(long n, String noun) {
        return Plural.count(n, noun);
    }

    /** Words for an agent: what feature {@code i} with value {@code x[i]} means. */
    public static String describe(int i, double[] x) {
        return switch (i) {
            case 1 -> "latest message " + SentimentWords.of(1 - x[1]);
            case 2 -> "a " + SentimentWords.of(1 - x[2]) + " message";
            case 3 -> count(Math.round(x[3] * 5), "negative message") + " in a row";
            case 4 -> x[4] >= 0.5 ? "mood dropped sharply" : "mood dropped";
            case 5 -> "waiting " + Math.round(x[5] * 60) + " min";
            case 6 -> count(Math.round(Math.expm1(x[6] * Math.log1p(20))), "message");
            case 7 -> "VIP contact";
            case 8 -> "priority " + List.of("low", "normal", "high", "urgent").get((int) Math.round(x[8] * 3));
            case 9 -> "outside business hours";
            default -> i >= 10 ? "category " + CATEGORIES.get(i - 10) : NAMES.get(i);
        };
    }
}
