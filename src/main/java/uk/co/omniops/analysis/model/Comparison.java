package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.model.TrainingData.Sample;

/**
 * The source-held-out comparison of decision record 004: each recipe is trained without one whole
 * source and scored on it. Also fits the calibration of the chosen recipes on the pooled held-out
 * predictions and, with an evaluation directory, prints the tables, reliability per decile, the
 * adaptation figures and the repository's own out-of-domain files.
 */
final class Comparison {

    static final Recipe NGRAM = new Recipe(
            "n-grams + lexicon + cues (v1 recipe)", Featuriser.USE_LEXICON | Featuriser.USE_CUES, false, 1.0f);
    static final Recipe EMBEDDING = new Recipe("embedding + linear head", Featuriser.NO_NGRAMS, true, 0f);
    static final Recipe ENSEMBLE =
            new Recipe("embedding + n-grams + lexicon + cues", Featuriser.USE_LEXICON | Featuriser.USE_CUES, true, 0f);
    static final Recipe ENSEMBLE_CLINC = new Recipe(
            "embedding + n-grams + lexicon + cues, + CLINC150",
            Featuriser.USE_LEXICON | Featuriser.USE_CUES,
            true,
            0f,
            true,
            TrainingData.SUPPORT_WEIGHT,
            1f);
    static final Recipe ENSEMBLE_CLINC_LIGHT = new Recipe(
            "embedding + n-grams + lexicon + cues, + CLINC150, support ×4",
            Featuriser.USE_LEXICON | Featuriser.USE_CUES,
            true,
            0.5f,
            true,
            4,
            1f);
    static final Recipe ENSEMBLE_CLINC_LIGHT_NO_PLACEHOLDERS = new Recipe(
            "embedding + n-grams + lexicon + cues, + CLINC150, support ×4, no @mention/URL n-grams",
            Featuriser.USE_LEXICON | Featuriser.USE_CUES | Featuriser.NO_PLACEHOLDERS,
            true,
            0.5f,
            true,
            4,
            1f);
    /** Each source but ours weighs {@value #SOURCE_TOTAL} in all (≈ our 374 support messages × 4). */
    static final double SOURCE_TOTAL = 1500;

    static final Recipe ENSEMBLE_SOURCES_EQUAL = new Recipe(
            "embedding + n-grams + lexicon + cues, + CLINC150, support ×4, no @mention/URL n-grams, sources of equal weight",
            Featuriser.USE_LEXICON | Featuriser.USE_CUES | Featuriser.NO_PLACEHOLDERS,
            true,
            0.5f,
            true,
            4,
            1f,
            SOURCE_TOTAL);
    static final Recipe ENSEMBLE_CLINC_DENSE3 = new Recipe(
            "embedding ×3 + n-grams + lexicon + cues, + CLINC150",
            Featuriser.USE_LEXICON | Featuriser.USE_CUES,
            true,
            0f,
            true,
            TrainingData.SUPPORT_WEIGHT,
            3f);
    static final Recipe CATEGORY_NGRAM = new Recipe("n-grams (v1 recipe)", 0, false, 0f);
    static final Recipe CATEGORY_EMBEDDING = new Recipe("embedding + linear head", Featuriser.NO_NGRAMS, true, 0f);
    static final Recipe CATEGORY_EMBEDDING_PRIOR = embeddingWithPrior(10);
    static final Recipe CATEGORY_EMBEDDING_PRIOR_15 = embeddingWithPrior(15);
    static final Recipe CATEGORY_ENSEMBLE = new Recipe("embedding + n-grams", 0, true, 0f);
    static final Recipe CATEGORY_ENSEMBLE_DENSE3 =
            new Recipe("embedding ×3 + n-grams", 0, true, 0f, false, TrainingData.SUPPORT_WEIGHT, 3f);

    /** Best mean accuracy and macro-F1 over the held-out sources, no source worse by more than half a point (record 004). */
    static final Recipe SENTIMENT_CHOICE = ENSEMBLE_SOURCES_EQUAL;
    /**
     * Best mean macro-F1 and technical recall on held-out sources, on the mean + max input: better than the α 10 model
     * on the mean alone on every held-out source (record 004, session 33).
     */
    static final Recipe CATEGORY_CHOICE = CATEGORY_EMBEDDING_PRIOR_15;

    static final List<Recipe> SENTIMENT_RECIPES = List.of(
            NGRAM,
            EMBEDDING,
            ENSEMBLE,
            ENSEMBLE_CLINC,
            ENSEMBLE_CLINC_LIGHT,
            ENSEMBLE_CLINC_DENSE3,
            ENSEMBLE_CLINC_LIGHT_NO_PLACEHOLDERS,
            ENSEMBLE_SOURCES_EQUAL);
    static final List<Recipe> CATEGORY_RECIPES = List.of(
            CATEGORY_NGRAM,
            CATEGORY_EMBEDDING,
            CATEGORY_ENSEMBLE,
            CATEGORY_ENSEMBLE_DENSE3,
            CATEGORY_EMBEDDING_PRIOR,
            CATEGORY_EMBEDDING_PRIOR_15);
    static final List<String> SENTIMENT_FOLDS = List.of("tweets", "amazon", "nyt", "movie", "support");
    static final float[] OFFSETS = {-0.5f, 0f, 0.5f, 1.0f};

    /** The embedding + linear head category recipe with the description prior at weight {@code alpha}. */
    private static Recipe embeddingWithPrior(int alpha) {
        return new Recipe(
                "embedding + linear head + description prior (α " + alpha + ")",
                Featuriser.NO_NGRAMS,
                true,
                0f,
                false,
                TrainingData.SUPPORT_WEIGHT,
                1f,
                0,
                alpha);
    }

    /** Calibration of the shipped models: logit scale for sentiment, scale and bias for categories. */
    record Calibration(float sentimentScale, float categoryScale, float categoryBias) {}

    /** Held-out logits of one sample (without offsets). */
    record Scored(Sample sample, double[] z, double valence) {}

    private Comparison() {}

    /**
     * The vectors each task trains on, and the embedder that answers for them: the sentence vector (mean pooling) for
     * sentiment, mean + max for categories ({@link SentenceEmbeddings#meanMax()}).
     */
    record Inputs(
            TrainingVectors sentimentVectors,
            TextEmbedder sentimentEmbedder,
            TrainingVectors categoryVectors,
            TextEmbedder categoryEmbedder) {}

    static Calibration run(TrainingData data, Inputs in, @Nullable Path evalDir, boolean adapt) throws IOException {
        boolean full = evalDir != null;
        if (full) {
            vaderBaseline(data);
        }
        float sentimentScale = sentimentFolds(data, in.sentimentVectors(), in.sentimentEmbedder(), full);
        float[] categoryCalibration = categoryFolds(data, in.categoryVectors(), in.categoryEmbedder(), full);
        Calibration calibration = new Calibration(sentimentScale, categoryCalibration[0], categoryCalibration[1]);
        if (full) {
            AdaptationReport.repositoryFiles(data, in, evalDir, calibration);
        }
        if (full || adapt) {
            AdaptationReport.adaptation(data, in);
        }
        return calibration;
    }

    /** VADER's own rules on each held-out sentiment source (the baseline the issue compares with). */
    private static void vaderBaseline(TrainingData data) {
        System.out.println();
        System.out.println(
                "| VADER lexicon rules (baseline) | held-out source | n | accuracy | macro-F1 | neg recall | neu recall | pos recall |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String source : SENTIMENT_FOLDS) {
            int[][] confusion = new int[3][3];
            for (Sample s : TrainingData.only(data.sentiment, Set.of(source), true)) {
                String n = TextFeatures.normalise(s.text());
                double c = data.lexicon.score(n, TextFeatures.tokens(n)).compound();
                confusion[s.labels()[0]][c <= -0.05 ? 0 : c >= 0.05 ? 2 : 1]++;
            }
            double[] m = HeldOutMetrics.sentimentMetrics(confusion);
            System.out.printf(
                    Locale.ROOT,
                    "| VADER lexicon rules | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    source,
                    TrainingData.only(data.sentiment, Set.of(source), true).size(),
                    m[0],
                    m[1],
                    m[2],
                    m[3],
                    m[4]);
        }
    }

    /**
     * Every sentiment recipe ({@code full}) or the chosen one, trained once per held-out source; returns the chosen
     * recipe's logit scale fitted on its pooled held-out predictions.
     */
    private static float sentimentFolds(
            TrainingData data, TrainingVectors vectors, TextEmbedder embedder, boolean full) {
        if (full) {
            System.out.println();
            System.out.println(
                    "| sentiment recipe | offset | held-out source | n | accuracy | macro-F1 | neg recall | neu recall | pos recall |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
        }
        float sentimentScale = 1f;
        for (Recipe r : full ? SENTIMENT_RECIPES : List.of(SENTIMENT_CHOICE)) {
            boolean chosen = r == SENTIMENT_CHOICE;
            List<List<Scored>> folds = new ArrayList<>();
            for (String source : SENTIMENT_FOLDS) {
                long t0 = System.nanoTime();
                List<Sample> train = TrainingData.only(data.sentiment, Set.of(source), false);
                SentimentModel m =
                        HybridTrainer.trainSentiment(data, r.withOffset(0f), train, vectors, embedder, 1f, chosen);
                List<Scored> scored = new ArrayList<>();
                for (Sample s : TrainingData.only(data.sentiment, Set.of(source), true)) {
                    Encoded e = m.encode(s.text());
                    scored.add(new Scored(s, m.logits(e), chosen ? m.valence(e) : Double.NaN));
                }
                folds.add(scored);
                System.err.printf(
                        Locale.ROOT,
                        "sentiment %s without %s: %.0f s%n",
                        r.name(),
                        source,
                        (System.nanoTime() - t0) / 1e9);
                if (full || chosen) {
                    for (float offset : OFFSETS) {
                        System.out.println(HeldOutMetrics.sentimentRow(r.name(), offset, source, scored));
                    }
                }
            }
            if (chosen) {
                float offset = SENTIMENT_CHOICE.negativeOffset();
                sentimentScale = CalibrationFit.fitSoftmaxScale(folds, offset);
                System.out.printf(
                        Locale.ROOT,
                        "%nsentiment calibration: logit scale %.2f (offset %.1f)%n",
                        sentimentScale,
                        offset);
                CalibrationFit.sentimentReliability(folds, offset, sentimentScale);
                CalibrationFit.valenceReliability(folds);
            }
        }
        return sentimentScale;
    }

    /**
     * Every category recipe ({@code full}) or the chosen one, trained once per held-out source; returns the chosen
     * recipe's Platt scaling (scale, bias) fitted on its pooled held-out predictions.
     */
    private static float[] categoryFolds(
            TrainingData data, TrainingVectors vectors, TextEmbedder embedder, boolean full) {
        if (full) {
            System.out.println();
            System.out.println(
                    "| category recipe | held-out source | n | top-1 accuracy | macro-F1 | technical recall | none → no category |");
            System.out.println("|---|---|---|---|---|---|---|");
        }
        float[] categoryCalibration = {1f, 0f};
        for (Recipe r : full ? CATEGORY_RECIPES : List.of(CATEGORY_CHOICE)) {
            List<List<Scored>> folds = new ArrayList<>();
            for (String source : TrainingData.CATEGORY_SOURCES) {
                long t0 = System.nanoTime();
                CategoryModel m = HybridTrainer.trainCategories(
                        r, TrainingData.only(data.categories, Set.of(source), false), vectors, embedder, 1f, 0f);
                List<Scored> scored = new ArrayList<>();
                for (Sample s : TrainingData.only(data.categories, Set.of(source), true)) {
                    scored.add(new Scored(s, m.logits(m.encode(s.text())), Double.NaN));
                }
                folds.add(scored);
                System.err.printf(
                        Locale.ROOT,
                        "categories %s without %s: %.0f s%n",
                        r.name(),
                        source,
                        (System.nanoTime() - t0) / 1e9);
            }
            float[] cal = r.dense() ? CalibrationFit.fitSigmoid(folds) : new float[] {1f, 0f};
            if (full || r == CATEGORY_CHOICE) {
                for (int i = 0; i < folds.size(); i++) {
                    System.out.println(HeldOutMetrics.categoryRow(
                            r.name(), TrainingData.CATEGORY_SOURCES.get(i), folds.get(i), cal));
                }
            }
            if (r == CATEGORY_CHOICE) {
                categoryCalibration = cal;
                System.out.printf(Locale.ROOT, "%ncategory calibration: sigmoid(%.2f·z %+.2f)%n", cal[0], cal[1]);
                CalibrationFit.categoryReliability(folds, cal);
            }
        }
        return categoryCalibration;
    }
}
