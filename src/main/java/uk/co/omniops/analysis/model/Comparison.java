package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.model.HybridTrainer.Data;
import uk.co.omniops.analysis.model.HybridTrainer.Recipe;
import uk.co.omniops.analysis.model.HybridTrainer.Sample;
import uk.co.omniops.analysis.model.HybridTrainer.Vectors;

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
            HybridTrainer.SUPPORT_WEIGHT,
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
            HybridTrainer.SUPPORT_WEIGHT,
            3f);
    static final Recipe CATEGORY_NGRAM = new Recipe("n-grams (v1 recipe)", 0, false, 0f);
    static final Recipe CATEGORY_EMBEDDING = new Recipe("embedding + linear head", Featuriser.NO_NGRAMS, true, 0f);
    static final Recipe CATEGORY_EMBEDDING_PRIOR = new Recipe(
            "embedding + linear head + description prior (α 10)",
            Featuriser.NO_NGRAMS,
            true,
            0f,
            false,
            HybridTrainer.SUPPORT_WEIGHT,
            1f,
            0,
            10f);
    static final Recipe CATEGORY_ENSEMBLE = new Recipe("embedding + n-grams", 0, true, 0f);
    static final Recipe CATEGORY_ENSEMBLE_DENSE3 =
            new Recipe("embedding ×3 + n-grams", 0, true, 0f, false, HybridTrainer.SUPPORT_WEIGHT, 3f);

    /** Best mean accuracy and macro-F1 over the held-out sources, no source worse by more than half a point (record 004). */
    static final Recipe SENTIMENT_CHOICE = ENSEMBLE_SOURCES_EQUAL;
    /** Best mean macro-F1 and technical recall on held-out sources (record 004). */
    static final Recipe CATEGORY_CHOICE = CATEGORY_EMBEDDING_PRIOR;

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
            CATEGORY_NGRAM, CATEGORY_EMBEDDING, CATEGORY_ENSEMBLE, CATEGORY_ENSEMBLE_DENSE3, CATEGORY_EMBEDDING_PRIOR);
    static final List<String> SENTIMENT_FOLDS = List.of("tweets", "amazon", "nyt", "movie", "support");
    static final float[] OFFSETS = {-0.5f, 0f, 0.5f, 1.0f};

    /** Calibration of the shipped models: logit scale for sentiment, scale and bias for categories. */
    record Calibration(float sentimentScale, float categoryScale, float categoryBias) {}

    /** Held-out logits of one sample (without offsets). */
    record Scored(Sample sample, double[] z, double valence) {}

    private Comparison() {}

    static Calibration run(Data data, Vectors vectors, TextEmbedder embedder, @Nullable Path evalDir, boolean adapt)
            throws IOException {
        boolean full = evalDir != null;
        List<Recipe> sentimentRecipes = full ? SENTIMENT_RECIPES : List.of(SENTIMENT_CHOICE);
        if (full) {
            System.out.println();
            System.out.println(
                    "| VADER lexicon rules (baseline) | held-out source | n | accuracy | macro-F1 | neg recall | neu recall | pos recall |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (String source : SENTIMENT_FOLDS) {
                int[][] confusion = new int[3][3];
                for (Sample s : Data.only(data.sentiment, Set.of(source), true)) {
                    String n = TextFeatures.normalise(s.text());
                    double c = data.lexicon.score(n, TextFeatures.tokens(n)).compound();
                    confusion[s.labels()[0]][c <= -0.05 ? 0 : c >= 0.05 ? 2 : 1]++;
                }
                double[] m = sentimentMetrics(confusion);
                System.out.printf(
                        Locale.ROOT,
                        "| VADER lexicon rules | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                        source,
                        Data.only(data.sentiment, Set.of(source), true).size(),
                        m[0],
                        m[1],
                        m[2],
                        m[3],
                        m[4]);
            }
        }
        List<Recipe> categoryRecipes = full ? CATEGORY_RECIPES : List.of(CATEGORY_CHOICE);
        float sentimentScale = 1f;
        if (full) {
            System.out.println();
            System.out.println(
                    "| sentiment recipe | offset | held-out source | n | accuracy | macro-F1 | neg recall | neu recall | pos recall |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
        }
        for (Recipe r : sentimentRecipes) {
            List<List<Scored>> folds = new ArrayList<>();
            for (String source : SENTIMENT_FOLDS) {
                long t0 = System.nanoTime();
                List<Sample> train = Data.only(data.sentiment, Set.of(source), false);
                boolean chosen = r == SENTIMENT_CHOICE;
                SentimentModel m =
                        HybridTrainer.trainSentiment(data, r.withOffset(0f), train, vectors, embedder, 1f, chosen);
                List<Scored> scored = new ArrayList<>();
                for (Sample s : Data.only(data.sentiment, Set.of(source), true)) {
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
                        System.out.println(sentimentRow(r.name(), offset, source, scored));
                    }
                }
            }
            if (r == SENTIMENT_CHOICE) {
                float offset = SENTIMENT_CHOICE.negativeOffset();
                sentimentScale = fitSoftmaxScale(folds, offset);
                System.out.printf(
                        Locale.ROOT,
                        "%nsentiment calibration: logit scale %.2f (offset %.1f)%n",
                        sentimentScale,
                        offset);
                sentimentReliability(folds, offset, sentimentScale);
                valenceReliability(folds);
            }
        }
        float[] categoryCalibration = {1f, 0f};
        if (full) {
            System.out.println();
            System.out.println(
                    "| category recipe | held-out source | n | top-1 accuracy | macro-F1 | technical recall | none → no category |");
            System.out.println("|---|---|---|---|---|---|---|");
        }
        for (Recipe r : categoryRecipes) {
            List<List<Scored>> folds = new ArrayList<>();
            List<CategoryModel> models = new ArrayList<>();
            for (String source : HybridTrainer.CATEGORY_SOURCES) {
                long t0 = System.nanoTime();
                CategoryModel m = HybridTrainer.trainCategories(
                        r, Data.only(data.categories, Set.of(source), false), vectors, embedder, 1f, 0f);
                List<Scored> scored = new ArrayList<>();
                for (Sample s : Data.only(data.categories, Set.of(source), true)) {
                    scored.add(new Scored(s, m.logits(m.encode(s.text())), Double.NaN));
                }
                folds.add(scored);
                models.add(m);
                System.err.printf(
                        Locale.ROOT,
                        "categories %s without %s: %.0f s%n",
                        r.name(),
                        source,
                        (System.nanoTime() - t0) / 1e9);
            }
            float[] cal = r.dense() ? fitSigmoid(folds) : new float[] {1f, 0f};
            if (r == CATEGORY_CHOICE) {
                categoryCalibration = cal;
            }
            if (full || r == CATEGORY_CHOICE) {
                for (int i = 0; i < folds.size(); i++) {
                    System.out.println(categoryRow(r.name(), HybridTrainer.CATEGORY_SOURCES.get(i), folds.get(i), cal));
                }
            }
            if (r == CATEGORY_CHOICE) {
                System.out.printf(Locale.ROOT, "%ncategory calibration: sigmoid(%.2f·z %+.2f)%n", cal[0], cal[1]);
                categoryReliability(folds, cal);
            }
        }
        Calibration calibration = new Calibration(sentimentScale, categoryCalibration[0], categoryCalibration[1]);
        if (full) {
            repositoryFiles(data, vectors, embedder, evalDir, calibration);
        }
        if (full || adapt) {
            adaptation(data, vectors, embedder);
        }
        return calibration;
    }

    // ---------------------------------------------------------------- sentiment

    static int predict(double[] z, float offset) {
        double[] s = z.clone();
        s[0] += offset;
        return SentimentModel.argmax(s);
    }

    static String sentimentRow(String recipe, float offset, String source, List<Scored> scored) {
        int[][] confusion = new int[3][3];
        for (Scored s : scored) {
            confusion[s.sample().labels()[0]][predict(s.z(), offset)]++;
        }
        double[] m = sentimentMetrics(confusion);
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |",
                recipe,
                offset,
                source,
                scored.size(),
                m[0],
                m[1],
                m[2],
                m[3],
                m[4]);
    }

    /** accuracy, macro-F1 (over labels present), recall negative / neutral / positive. */
    static double[] sentimentMetrics(int[][] confusion) {
        int n = 0;
        int correct = 0;
        double f1sum = 0;
        int present = 0;
        double[] recall = new double[3];
        for (int g = 0; g < 3; g++) {
            int support = 0;
            int predicted = 0;
            for (int p = 0; p < 3; p++) {
                support += confusion[g][p];
                predicted += confusion[p][g];
                n += confusion[g][p];
            }
            correct += confusion[g][g];
            recall[g] = support == 0 ? Double.NaN : (double) confusion[g][g] / support;
            if (support > 0) {
                double precision = predicted == 0 ? 0 : (double) confusion[g][g] / predicted;
                f1sum += precision + recall[g] == 0 ? 0 : 2 * precision * recall[g] / (precision + recall[g]);
                present++;
            }
        }
        return new double[] {(double) correct / n, f1sum / present, recall[0], recall[1], recall[2]};
    }

    /** Logit scale minimising the held-out log loss, each held-out source weighted equally. */
    static float fitSoftmaxScale(List<List<Scored>> folds, float offset) {
        double bestScale = 1;
        double best = Double.MAX_VALUE;
        for (double a = 0.2; a <= 3.0001; a += 0.05) {
            double loss = 0;
            for (List<Scored> fold : folds) {
                double l = 0;
                for (Scored s : fold) {
                    double[] z = s.z().clone();
                    z[0] += offset;
                    for (int c = 0; c < 3; c++) {
                        z[c] *= a;
                    }
                    l -= Math.log(
                            Math.max(1e-12, SentimentModel.softmax(z)[s.sample().labels()[0]]));
                }
                loss += l / fold.size();
            }
            if (loss < best) {
                best = loss;
                bestScale = a;
            }
        }
        return (float) (Math.round(bestScale * 100) / 100.0);
    }

    static void sentimentReliability(List<List<Scored>> folds, float offset, float scale) {
        System.out.println();
        System.out.println("| confidence decile | n | mean confidence | accuracy |");
        System.out.println("|---|---|---|---|");
        double[] n = new double[10];
        double[] conf = new double[10];
        double[] hit = new double[10];
        for (List<Scored> fold : folds) {
            for (Scored s : fold) {
                double[] z = s.z().clone();
                z[0] += offset;
                for (int c = 0; c < 3; c++) {
                    z[c] *= scale;
                }
                double[] p = SentimentModel.softmax(z);
                int best = SentimentModel.argmax(p);
                int bin = Math.min(9, (int) (p[best] * 10));
                n[bin]++;
                conf[bin] += p[best];
                hit[bin] += best == s.sample().labels()[0] ? 1 : 0;
            }
        }
        printBins(n, conf, hit);
    }

    static void valenceReliability(List<List<Scored>> folds) {
        System.out.println();
        System.out.println(
                "valence (score) on held-out VADER sources: predicted score decile vs mean human rating rescaled to 0–1");
        System.out.println("| score decile | n | mean score | mean human rating (0–1) |");
        System.out.println("|---|---|---|---|");
        double[] n = new double[10];
        double[] pred = new double[10];
        double[] gold = new double[10];
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        double abs = 0;
        int m = 0;
        for (List<Scored> fold : folds) {
            for (Scored s : fold) {
                if (s.sample().source().equals("support") || Double.isNaN(s.valence())) {
                    continue;
                }
                double x = (1 + Math.clamp(s.valence(), -1, 1)) / 2;
                double y = (1 + s.sample().valence()) / 2;
                int bin = Math.min(9, (int) (x * 10));
                n[bin]++;
                pred[bin] += x;
                gold[bin] += y;
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
                abs += Math.abs(x - y);
                m++;
            }
        }
        printBins(n, pred, gold);
        double r = (m * sxy - sx * sy) / Math.sqrt((m * sxx - sx * sx) * (m * syy - sy * sy));
        System.out.printf(
                Locale.ROOT, "valence: n %d, Pearson r %.3f, mean absolute error %.3f (0–1 scale)%n", m, r, abs / m);
    }

    private static void printBins(double[] n, double[] a, double[] b) {
        for (int i = 0; i < 10; i++) {
            if (n[i] > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "| %.1f–%.1f | %.0f | %.3f | %.3f |%n",
                        i / 10.0,
                        (i + 1) / 10.0,
                        n[i],
                        a[i] / n[i],
                        b[i] / n[i]);
            }
        }
    }

    // ---------------------------------------------------------------- categories

    static double sigmoid(double z, float[] cal) {
        return CategoryModel.sigmoid(cal[0] * z + cal[1]);
    }

    static String categoryRow(String recipe, String source, List<Scored> scored, float[] cal) {
        List<String> keys = Taxonomy.keys();
        int k = keys.size();
        int[] tp = new int[k];
        int[] fp = new int[k];
        int[] fn = new int[k];
        int n = 0;
        int correct = 0;
        int none = 0;
        int noneEmpty = 0;
        for (Scored s : scored) {
            int top = SentimentModel.argmax(s.z());
            if (s.sample().labels().length == 0) {
                none++;
                if (select(s.z(), cal).isEmpty()) {
                    noneEmpty++;
                }
                continue;
            }
            int gold = s.sample().labels()[0];
            n++;
            if (top == gold) {
                correct++;
                tp[gold]++;
            } else {
                fp[top]++;
                fn[gold]++;
            }
        }
        double f1 = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            if (tp[c] + fn[c] > 0) {
                double p = tp[c] + fp[c] == 0 ? 0 : (double) tp[c] / (tp[c] + fp[c]);
                double r = (double) tp[c] / (tp[c] + fn[c]);
                f1 += p + r == 0 ? 0 : 2 * p * r / (p + r);
                present++;
            }
        }
        int t = keys.indexOf("technical");
        String tech = tp[t] + fn[t] == 0
                ? "–"
                : String.format(Locale.ROOT, "%.3f (%d)", (double) tp[t] / (tp[t] + fn[t]), tp[t] + fn[t]);
        String noneRate = none == 0 ? "–" : String.format(Locale.ROOT, "%.3f (%d)", (double) noneEmpty / none, none);
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d | %.3f | %.3f | %s | %s |",
                recipe,
                source,
                n,
                (double) correct / n,
                f1 / present,
                tech,
                noneRate);
    }

    static List<Integer> select(double[] z, float[] cal) {
        List<CategoryScore> ranked = new ArrayList<>();
        for (int c = 0; c < z.length; c++) {
            ranked.add(new CategoryScore(String.valueOf(c), sigmoid(z[c], cal)));
        }
        ranked.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
        return CategoryModel.select(ranked).stream()
                .map(s -> Integer.parseInt(s.key()))
                .toList();
    }

    /**
     * Platt scaling sigmoid(a·z + b) over every (message, category) pair, held-out sources weighted
     * equally: Newton's method on the (convex) log loss.
     */
    static float[] fitSigmoid(List<List<Scored>> folds) {
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 25; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-6;
            double hab = 0;
            double hbb = 1e-6;
            for (List<Scored> fold : folds) {
                double w = 1.0 / fold.size();
                for (Scored s : fold) {
                    for (int c = 0; c < s.z().length; c++) {
                        double z = s.z()[c];
                        double y = contains(s.sample().labels(), c) ? 1 : 0;
                        double p = CategoryModel.sigmoid(a * z + b);
                        double h = w * p * (1 - p);
                        ga += w * (p - y) * z;
                        gb += w * (p - y);
                        haa += h * z * z;
                        hab += h * z;
                        hbb += h;
                    }
                }
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            // damped: a full Newton step can overshoot far from the optimum
            double step = Math.min(1, 1 / Math.max(Math.abs(da), Math.abs(db)));
            a -= step * da;
            b -= step * db;
            if (Math.abs(da) + Math.abs(db) < 1e-6) {
                break;
            }
        }
        return new float[] {(float) (Math.round(a * 100) / 100.0), (float) (Math.round(b * 100) / 100.0)};
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    static void categoryReliability(List<List<Scored>> folds, float[] cal) {
        System.out.println();
        System.out.println("| confidence decile (every message × category) | n | mean confidence | fraction correct |");
        System.out.println("|---|---|---|---|");
        double[] n = new double[10];
        double[] conf = new double[10];
        double[] hit = new double[10];
        for (List<Scored> fold : folds) {
            for (Scored s : fold) {
                for (int c = 0; c < s.z().length; c++) {
                    double p = sigmoid(s.z()[c], cal);
                    int bin = Math.min(9, (int) (p * 10));
                    n[bin]++;
                    conf[bin] += p;
                    hit[bin] += contains(s.sample().labels(), c) ? 1 : 0;
                }
            }
        }
        printBins(n, conf, hit);
    }

    // ---------------------------------------------------------------- repository files, adaptation

    static void repositoryFiles(Data data, Vectors vectors, TextEmbedder embedder, Path evalDir, Calibration cal)
            throws IOException {
        List<ModelEvaluation.Example> sentimentFiles =
                new ArrayList<>(ModelEvaluation.read(evalDir.resolve("sentiment-ood.tsv")));
        sentimentFiles.addAll(ModelEvaluation.read(evalDir.resolve("lead-ood-sentiment.tsv")));
        List<ModelEvaluation.Example> categoryFiles =
                new ArrayList<>(ModelEvaluation.read(evalDir.resolve("categories-ood.tsv")));
        categoryFiles.addAll(ModelEvaluation.read(evalDir.resolve("lead-ood-categories.tsv")));
        System.out.println();
        System.out.println("repository eval files (written by the team that wrote the support seeds: flattering)");
        System.out.println("| sentiment recipe | trained on | accuracy | macro-F1 | neg recall | neu recall |");
        System.out.println("|---|---|---|---|---|---|");
        for (Recipe s : SENTIMENT_RECIPES) {
            for (boolean withSupport : new boolean[] {true, false}) {
                Set<String> drop = withSupport ? Set.of() : Set.of("support");
                SentimentModel sm = HybridTrainer.trainSentiment(
                        data,
                        s,
                        Data.only(data.sentiment, drop, false),
                        vectors,
                        embedder,
                        cal.sentimentScale(),
                        false);
                var sr = ModelEvaluation.evaluate(
                        "sentiment",
                        sentimentFiles,
                        SentimentModel.LABELS,
                        t -> sm.analyse(t).label());
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %.3f | %.3f | %.3f | %.3f |%n",
                        s.name(),
                        withSupport ? "all sources" : "all but support",
                        sr.accuracy(),
                        sr.macroF1(),
                        sr.perClass().get("negative").recall(),
                        sr.perClass().get("neutral").recall());
            }
        }
        System.out.println();
        System.out.println("| category recipe | trained on | top-1 accuracy | macro-F1 | technical recall |");
        System.out.println("|---|---|---|---|---|");
        for (Recipe c : CATEGORY_RECIPES) {
            for (boolean withSupport : new boolean[] {true, false}) {
                Set<String> drop = withSupport ? Set.of() : Set.of("support");
                CategoryModel cm = HybridTrainer.trainCategories(
                        c,
                        Data.only(data.categories, drop, false),
                        vectors,
                        embedder,
                        cal.categoryScale(),
                        cal.categoryBias());
                var cr = ModelEvaluation.evaluate(
                        "categories",
                        categoryFiles,
                        cm.keys(),
                        t -> cm.rank(t).get(0).key());
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %.3f | %.3f | %.3f |%n",
                        c.name(),
                        withSupport ? "all sources" : "all but support",
                        cr.accuracy(),
                        cr.macroF1(),
                        cr.perClass().get("technical").recall());
            }
        }
    }

    /**
     * 500 corrections from a source the model never saw, replayed as in {@code eval --adapt-from},
     * then accuracy on other messages of that source; per adapter mode.
     */
    static void adaptation(Data data, Vectors vectors, TextEmbedder embedder) {
        System.out.println();
        System.out.println(
                "| task | new domain | adapter | corrections applied / offered | accuracy before | after | Δ | adapter size (bytes) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String source : List.of("nyt", "amazon", "tweets")) {
            SentimentModel m = HybridTrainer.trainSentiment(
                    data,
                    SENTIMENT_CHOICE,
                    Data.only(data.sentiment, Set.of(source), false),
                    vectors,
                    embedder,
                    1f,
                    false);
            List<ModelEvaluation.Example> all =
                    examples(Data.only(data.sentiment, Set.of(source), true), SentimentModel.LABELS);
            List<ModelEvaluation.Example> corrections = all.subList(0, 500);
            List<ModelEvaluation.Example> test = all.subList(500, Math.min(all.size(), 1500));
            for (int mode : new int[] {
                CustomerAdapter.SPARSE, CustomerAdapter.DENSE, CustomerAdapter.SPARSE | CustomerAdapter.DENSE
            }) {
                CustomerAdapter adapter = new CustomerAdapter(CustomerAdapter.DEFAULT_LEARNING_RATE, mode);
                double before = accuracy(test, t -> m.analyse(t).label());
                int applied = ModelEvaluation.adaptSentiment(corrections, m, adapter);
                double after = accuracy(test, t -> m.analyse(t, adapter).label());
                System.out.printf(
                        Locale.ROOT,
                        "| sentiment | %s | %s | %d / %d | %.3f | %.3f | %+.3f | %d |%n",
                        source,
                        modeName(mode),
                        applied,
                        corrections.size(),
                        before,
                        after,
                        after - before,
                        adapter.toBytes().length);
            }
        }
        for (String source : List.of("clinc", "bitext")) {
            CategoryModel m = HybridTrainer.trainCategories(
                    CATEGORY_CHOICE, Data.only(data.categories, Set.of(source), false), vectors, embedder, 1f, 0f);
            List<Sample> mapped = new ArrayList<>();
            for (Sample s : Data.only(data.categories, Set.of(source), true)) {
                if (s.labels().length > 0) {
                    mapped.add(s);
                }
            }
            List<ModelEvaluation.Example> all = examples(mapped, Taxonomy.keys());
            List<ModelEvaluation.Example> corrections = all.subList(0, 500);
            List<ModelEvaluation.Example> test = all.subList(500, Math.min(all.size(), 1500));
            for (int mode : new int[] {
                CustomerAdapter.SPARSE, CustomerAdapter.DENSE, CustomerAdapter.SPARSE | CustomerAdapter.DENSE
            }) {
                CustomerAdapter adapter = new CustomerAdapter(CustomerAdapter.DEFAULT_LEARNING_RATE, mode);
                double before = accuracy(test, t -> m.rank(t).get(0).key());
                int applied = ModelEvaluation.adaptCategories(corrections, m, adapter);
                double after = accuracy(test, t -> m.rank(t, adapter).get(0).key());
                System.out.printf(
                        Locale.ROOT,
                        "| categories | %s | %s | %d / %d | %.3f | %.3f | %+.3f | %d |%n",
                        source,
                        modeName(mode),
                        applied,
                        corrections.size(),
                        before,
                        after,
                        after - before,
                        adapter.toBytes().length);
            }
        }
    }

    private static String modeName(int mode) {
        return switch (mode) {
            case CustomerAdapter.SPARSE -> "sparse n-gram weights";
            case CustomerAdapter.DENSE -> "embedding head";
            default -> "both";
        };
    }

    /** The samples as labelled examples in a seeded shuffle (corrections first, test after). */
    static List<ModelEvaluation.Example> examples(List<Sample> samples, List<String> labels) {
        List<ModelEvaluation.Example> out = new ArrayList<>();
        for (Sample s : samples) {
            out.add(new ModelEvaluation.Example(labels.get(s.labels()[0]), s.text()));
        }
        Collections.shuffle(out, new Random(7));
        return out;
    }

    static double accuracy(List<ModelEvaluation.Example> test, java.util.function.Function<String, String> predictor) {
        int correct = 0;
        for (ModelEvaluation.Example e : test) {
            if (predictor.apply(e.text()).equals(e.label())) {
                correct++;
            }
        }
        return (double) correct / test.size();
    }
}
