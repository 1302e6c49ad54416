package uk.co.omniops.workspace.ui;

import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.CorrectionStats;
import uk.co.omniops.platform.Plural;

/**
 * The agents' corrections in words, with the n behind each accuracy; an accuracy only once it rests on
 * {@link CorrectionStats#MIN_FOR_ACCURACY} corrections of its kind ("category accuracy 0 %" after one correction said
 * nothing).
 */
final class CorrectionStatsText {

    private CorrectionStatsText() {}

    /**
     * "3 corrections · sentiment: 2 so far, accuracy shown from 20 · category: 1 so far, accuracy shown from 20", or
     * "45 corrections · sentiment accuracy 82 % (n = 30) · category accuracy 60 % (n = 15)" once there are enough.
     */
    static String of(CorrectionStats s) {
        var text = new StringBuilder(Plural.count(s.corrections(), "correction"));
        kind(text, "sentiment", s.sentimentCorrections(), s.shownSentimentAccuracy());
        kind(text, "category", s.categoryCorrections(), s.shownCategoryAccuracy());
        return text.toString();
    }

    private static void kind(StringBuilder text, String what, long n, @Nullable Double accuracy) {
        if (n == 0) {
            return;
        }
        text.append(" · ").append(what);
        if (accuracy != null) {
            text.append(" accuracy ")
                    .append(AnalysisViews.percent(accuracy))
                    .append(" (n = ")
                    .append(n)
                    .append(')');
        } else {
            text.append(": ")
                    .append(n)
                    .append(" so far, accuracy shown from ")
                    .append(CorrectionStats.MIN_FOR_ACCURACY);
        }
    }
}
