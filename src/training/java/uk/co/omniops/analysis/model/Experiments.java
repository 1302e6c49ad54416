package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import uk.co.omniops.analysis.model.Comparison.Scored;
import uk.co.omniops.analysis.model.TrainingData.Sample;

/**
 * Quick source-held-out experiments for decision record 004 (not part of the product: compiled with the model
 * classes by hand, see src/training/README.md). Needs the embedding cache written by {@code HybridTrainer --cache}:
 * with it one sentiment variant (five folds) takes well under a minute, so many variants can be compared. Every figure
 * is on a whole source the model never saw.
 *
 * <p>Usage: {@code Experiments dataDir cacheFile [sentiment|categories|all|encode][:variant]}, with {@code
 * -Dencoder=minilm|meanmax|e5|bge|concat} (default minilm, the sentence vector; meanmax the category model's input; for concat cacheFile is "minilmCache,secondCache" and {@code
 * -Dsecond=e5|bge} names the second encoder, e5 by default); {@code encode} only
 * writes the cache; {@code -Dalphas=0,10,20} sets the description prior weights tried for categories; {@code -Dexpand=N} appends N
 * random ReLU features to every vector ({@link RandomFeatures}).
 */
final class Experiments {

    static final float[] NEG_OFFSETS = {-0.5f, 0f, 0.25f, 0.5f, 0.75f, 1.0f};
    static final float[] NEU_OFFSETS = {-0.5f, -0.25f, 0f, 0.25f, 0.5f, 0.75f, 1.0f};

    record Variant(String name, Recipe recipe, UnaryOperator<List<Sample>> data) {
    }

    private Experiments() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path cache = Path.of(args[1].split(",")[0]);
        String what = args.length > 2 ? args[2] : "all";
        TrainingData data = TrainingData.load(dir);
        int cap = Integer.getInteger("cap", 0);
        if (cap > 0) {
            subsample(data, cap);
        }
        // -Dencoder=minilm (the product's, default) | e5 | bge (JarEncoder; needs its jar on the classpath) |
        // concat (MiniLM and -Dsecond side by side; cacheFile is then "minilmCache,secondCache")
        String which = System.getProperty("encoder", "minilm");
        List<List<Sample>> sets = List.of(data.sentiment, data.categories);
        TextEmbedder encoder;
        TrainingVectors vectors;
        switch (which) {
            case "minilm" -> {
                encoder = SentenceEmbeddings.shared();
                vectors = TrainingVectors.of(encoder, sets, cache);
            }
            case "meanmax" -> {
                encoder = SentenceEmbeddings.shared().meanMax();
                vectors = TrainingVectors.of(encoder, sets, cache);
            }
            case "e5", "bge" -> {
                encoder = JarEncoder.named(which);
                vectors = TrainingVectors.of(encoder, sets, cache);
            }
            case "concat" -> {
                String[] caches = args[1].split(",");
                TextEmbedder minilm = SentenceEmbeddings.shared();
                TextEmbedder e5 = JarEncoder.named(System.getProperty("second", "e5"));
                TrainingVectors a = TrainingVectors.of(minilm, sets, Path.of(caches[0]));
                TrainingVectors b = TrainingVectors.of(e5, sets, Path.of(caches[1]));
                encoder = new ConcatEmbeddings(minilm, e5);
                vectors = new TrainingVectors();
                for (var e : b.byText.entrySet()) {
                    float[] first = a.byText.get(e.getKey());
                    if (first != null) {
                        vectors.byText.put(e.getKey(), ConcatEmbeddings.join(first, e.getValue()));
                    }
                }
            }
            default -> throw new IllegalArgumentException("encoder: minilm, e5, bge or concat, not " + which);
        }
        if (what.equals("encode")) {
            System.err.println("encoder: " + encoder.name());
            return;
        }
        int expand = Integer.getInteger("expand", 0);
        if (expand > 0) {
            RandomFeatures rf = new RandomFeatures(encoder, expand);
            rf.expand(vectors.byText);
            encoder = rf;
        }
        System.err.println("encoder: " + encoder.name());
        TextEmbedder embedder = new CachedEmbedder(encoder, vectors);
        if (what.equals("all") || what.startsWith("sentiment")) {
            sentiment(data, vectors, embedder, what);
        }
        if (what.equals("all") || what.startsWith("categories")) {
            categories(data, vectors, embedder, encoder, what);
        }
    }

    // ---------------------------------------------------------------- data transforms

    /**
     * At most {@code cap} distinct texts of each public source (seeded shuffle; our support messages all kept), the
     * same texts for sentiment and categories: {@code -Dcap=N}, so a slower encoder can be compared with MiniLM on the
     * same reduced folds when encoding all 55,853 texts would take hours on a loaded machine.
     */
    static void subsample(TrainingData data, int cap) {
        Map<String, List<String>> bySource = new java.util.TreeMap<>();
        for (List<Sample> set : List.of(data.sentiment, data.categories)) {
            for (Sample s : set) {
                List<String> texts = bySource.computeIfAbsent(s.source(), x -> new ArrayList<>());
                texts.add(s.text());
            }
        }
        Set<String> keep = new java.util.HashSet<>();
        for (var e : bySource.entrySet()) {
            List<String> texts = new ArrayList<>(new java.util.LinkedHashSet<>(e.getValue()));
            java.util.Collections.shuffle(texts, new java.util.Random(20261207L));
            keep.addAll(e.getKey().equals("support") ? texts : texts.subList(0, Math.min(cap, texts.size())));
        }
        data.sentiment.removeIf(s -> !keep.contains(s.text()));
        data.categories.removeIf(s -> !keep.contains(s.text()));
        System.err.printf(Locale.ROOT, "cap %d: sentiment %d texts, categories %d texts, %d distinct%n",
                cap, data.sentiment.size(), data.categories.size(), keep.size());
    }

    /** Each source's samples scaled so that every source weighs {@code total} in all (classes untouched). */
    static UnaryOperator<List<Sample>> perSource(double total, Map<String, Double> extra) {
        return train -> {
            Map<String, Double> sums = new HashMap<>();
            for (Sample s : train) {
                sums.merge(s.source(), s.weight(), Double::sum);
            }
            List<Sample> out = new ArrayList<>(train.size());
            for (Sample s : train) {
                double f = total / sums.get(s.source()) * extra.getOrDefault(s.source(), 1.0);
                out.add(new Sample(s.text(), s.labels(), s.valence(), s.weight() * f, s.source()));
            }
            return out;
        };
    }

    /** Each (source, class) pair weighs the same within its source: class-balanced sources of equal weight. */
    static UnaryOperator<List<Sample>> perSourceAndClass(double total) {
        return train -> {
            Map<String, Double> sums = new HashMap<>();
            Map<String, Set<Integer>> classes = new HashMap<>();
            for (Sample s : train) {
                sums.merge(s.source() + "/" + s.labels()[0], s.weight(), Double::sum);
                classes.computeIfAbsent(s.source(), x -> new java.util.HashSet<>()).add(s.labels()[0]);
            }
            List<Sample> out = new ArrayList<>(train.size());
            for (Sample s : train) {
                double f = total / classes.get(s.source()).size() / sums.get(s.source() + "/" + s.labels()[0]);
                out.add(new Sample(s.text(), s.labels(), s.valence(), s.weight() * f, s.source()));
            }
            return out;
        };
    }

    static UnaryOperator<List<Sample>> sourceFactor(Map<String, Double> factor) {
        return train -> {
            List<Sample> out = new ArrayList<>(train.size());
            for (Sample s : train) {
                double f = factor.getOrDefault(s.source(), 1.0);
                if (f > 0) {
                    out.add(new Sample(s.text(), s.labels(), s.valence(), s.weight() * f, s.source()));
                }
            }
            return out;
        };
    }

    // ---------------------------------------------------------------- sentiment

    static void sentiment(TrainingData data, TrainingVectors vectors, TextEmbedder embedder, String what) {
        // the recipe shipped before the per-source weights (the transforms below leave the support messages at the
        // recipe's weight 4, ≈ 1,500 in all)
        Recipe base = Comparison.ENSEMBLE_CLINC_LIGHT_NO_PLACEHOLDERS;
        Recipe emb = new Recipe("embedding + lexicon + cues (no n-grams)",
                Featuriser.NO_NGRAMS | Featuriser.USE_LEXICON | Featuriser.USE_CUES, true, 0f, true, 4, 1f);
        Recipe dense2 = new Recipe(base.name() + ", embedding ×2", base.options(), true, 0f, true, 4, 2f);
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("shipped recipe", base, UnaryOperator.identity()),
                new Variant("choice (shipped since session 28)", Comparison.SENTIMENT_CHOICE, UnaryOperator.identity()),
                new Variant("sources of equal weight", base, perSource(1500, Map.of())),
                new Variant("sources and classes of equal weight", base, perSourceAndClass(1500)),
                new Variant("CLINC ×1/3, Bitext ×1/3", base, sourceFactor(Map.of("clinc", 1 / 3.0, "bitext", 1 / 3.0))),
                new Variant("without Bitext", base, sourceFactor(Map.of("bitext", 0.0))),
                new Variant("embedding ×2", dense2, UnaryOperator.identity()),
                new Variant("embedding + lexicon + cues, no n-grams", emb, UnaryOperator.identity())));
        if (what.contains(":")) {
            String pick = what.substring(what.indexOf(':') + 1);
            variants.removeIf(v -> !v.name().contains(pick));
        }
        System.out.println();
        System.out.println("| sentiment variant | offsets (neg, neu) | tweets | amazon | nyt | movie | support | mean acc | mean F1 | mean balanced acc |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String source : Comparison.SENTIMENT_FOLDS) {
            int[] n = new int[3];
            TrainingData.only(data.sentiment, Set.of(source), true).forEach(s -> n[s.labels()[0]]++);
            System.err.printf(Locale.ROOT, "%s: negative %d, neutral %d, positive %d%n", source, n[0], n[1], n[2]);
        }
        for (Variant v : variants) {
            long t0 = System.nanoTime();
            List<List<Scored>> folds = new ArrayList<>();
            for (String source : Comparison.SENTIMENT_FOLDS) {
                List<Sample> train = v.data().apply(TrainingData.only(data.sentiment, Set.of(source), false));
                SentimentModel m = HybridTrainer.trainSentiment(data, v.recipe().withOffset(0f), train, vectors,
                        embedder, 1f, false);
                List<Scored> scored = new ArrayList<>();
                for (Sample s : TrainingData.only(data.sentiment, Set.of(source), true)) {
                    scored.add(new Scored(s, m.logits(m.encode(s.text())), Double.NaN));
                }
                folds.add(scored);
            }
            System.err.printf(Locale.ROOT, "%s: %.0f s%n", v.name(), (System.nanoTime() - t0) / 1e9);
            System.out.println(row(v.name(), folds, 0.5f, 0f));
            float[] best = null;
            double bestF1 = -1;
            float[] bestAcc = null;
            double bestMeanAcc = -1;
            for (float o0 : NEG_OFFSETS) {
                for (float o1 : NEU_OFFSETS) {
                    double[] mean = mean(folds, o0, o1);
                    if (mean[1] > bestF1) {
                        bestF1 = mean[1];
                        best = new float[] {o0, o1};
                    }
                    if (mean[0] > bestMeanAcc) {
                        bestMeanAcc = mean[0];
                        bestAcc = new float[] {o0, o1};
                    }
                }
            }
            System.out.println(row(v.name() + " (best mean F1)", folds, best[0], best[1]));
            System.out.println(row(v.name() + " (best mean acc)", folds, bestAcc[0], bestAcc[1]));
            float[] bestBal = null;
            double bestMeanBal = -1;
            for (float o0 : NEG_OFFSETS) {
                for (float o1 : NEU_OFFSETS) {
                    double[] mean = mean(folds, o0, o1);
                    if (mean[2] > bestMeanBal) {
                        bestMeanBal = mean[2];
                        bestBal = new float[] {o0, o1};
                    }
                }
            }
            System.out.println(row(v.name() + " (best mean balanced acc)", folds, bestBal[0], bestBal[1]));
            System.out.println(nestedRow(v.name() + " (offsets chosen on the other folds, mean F1)", folds, 1));
            System.out.println(nestedRow(v.name() + " (offsets chosen on the other folds, mean acc)", folds, 0));
            System.out.flush();
        }
    }

    static double[] metrics(List<Scored> fold, float o0, float o1) {
        int[][] confusion = new int[3][3];
        for (Scored s : fold) {
            double[] z = s.z().clone();
            z[0] += o0;
            z[1] += o1;
            confusion[s.sample().labels()[0]][SentimentModel.argmax(z)]++;
        }
        return HeldOutMetrics.sentimentMetrics(confusion);
    }

    /** Mean over the folds of accuracy, macro-F1 and balanced accuracy (mean recall over the labels present). */
    static double[] mean(List<List<Scored>> folds, float o0, float o1) {
        double acc = 0;
        double f1 = 0;
        double bal = 0;
        for (List<Scored> f : folds) {
            double[] m = metrics(f, o0, o1);
            acc += m[0];
            f1 += m[1];
            bal += balanced(m);
        }
        return new double[] {acc / folds.size(), f1 / folds.size(), bal / folds.size()};
    }

    static double balanced(double[] m) {
        double sum = 0;
        int n = 0;
        for (int c = 2; c < 5; c++) {
            if (!Double.isNaN(m[c])) {
                sum += m[c];
                n++;
            }
        }
        return sum / n;
    }

    /**
     * Honest offsets: each fold is scored with the (negative, neutral) offsets that maximise the mean of {@code metric}
     * (0 accuracy, 1 macro-F1) over the <em>other</em> folds, so no fold's figure has seen its own labels.
     */
    static String nestedRow(String name, List<List<Scored>> folds, int metric) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | nested |", name));
        double acc = 0;
        double f1 = 0;
        double bal = 0;
        StringBuilder chosen = new StringBuilder();
        for (int i = 0; i < folds.size(); i++) {
            List<List<Scored>> others = new ArrayList<>(folds);
            others.remove(i);
            float[] best = null;
            double bestValue = -1;
            for (float o0 : NEG_OFFSETS) {
                for (float o1 : NEU_OFFSETS) {
                    double value = mean(others, o0, o1)[metric];
                    if (value > bestValue) {
                        bestValue = value;
                        best = new float[] {o0, o1};
                    }
                }
            }
            double[] m = metrics(folds.get(i), best[0], best[1]);
            acc += m[0];
            f1 += m[1];
            bal += balanced(m);
            chosen.append(String.format(Locale.ROOT, " (%.2f, %.2f)", best[0], best[1]));
            b.append(String.format(Locale.ROOT, " %.3f / %.3f / %.2f / %.2f / %.3f |", m[0], m[1], m[2], m[3], balanced(m)));
        }
        int n = folds.size();
        b.append(String.format(Locale.ROOT, " %.3f | %.3f | %.3f | offsets per fold:%s", acc / n, f1 / n, bal / n, chosen));
        return b.toString();
    }

    static String row(String name, List<List<Scored>> folds, float o0, float o1) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | %.2f, %.2f |", name, o0, o1));
        for (List<Scored> f : folds) {
            double[] m = metrics(f, o0, o1);
            b.append(String.format(Locale.ROOT, " %.3f / %.3f / %.2f / %.2f / %.3f |", m[0], m[1], m[2], m[3], balanced(m)));
        }
        double[] mean = mean(folds, o0, o1);
        b.append(String.format(Locale.ROOT, " %.3f | %.3f | %.3f |", mean[0], mean[1], mean[2]));
        return b.toString();
    }

    // ---------------------------------------------------------------- categories

    /** Held-out logits and description similarities of one sample. */
    record CatScored(Sample sample, double[] z, double[] sim) {
    }

    static void categories(TrainingData data, TrainingVectors vectors, TextEmbedder embedder, TextEmbedder encoder, String what) {
        List<String> keys = Taxonomy.keys();
        float[][] desc = new float[keys.size()][];
        for (var e : DescriptionPrior.DESCRIPTIONS.entrySet()) {
            float[] sum = new float[encoder.dimensions()];
            for (float[] v : encoder.embedAll(e.getValue())) {
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += v[j];
                }
            }
            desc[keys.indexOf(e.getKey())] = normalised(sum);
        }
        Recipe base = Comparison.CATEGORY_EMBEDDING;
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("shipped recipe", base, UnaryOperator.identity()),
                new Variant("sources of equal weight", base, perSource(5000, Map.of())),
                new Variant("CLINC none ×0.2", base, train -> {
                    List<Sample> out = new ArrayList<>();
                    for (Sample s : train) {
                        out.add(s.source().equals("clinc") && s.labels().length == 0
                                ? new Sample(s.text(), s.labels(), s.valence(), s.weight() * 0.4, s.source()) : s);
                    }
                    return out;
                }),
                new Variant("support ×3", base, sourceFactor(Map.of("support", 3.0))),
                new Variant("support ×0.3", base, sourceFactor(Map.of("support", 0.3)))));
        if (what.contains(":")) {
            String pick = what.substring(what.indexOf(':') + 1);
            variants.removeIf(v -> !v.name().contains(pick));
        }
        System.out.println();
        System.out.println("| category variant | prior α | bitext | clinc | support | mean macro-F1 |");
        System.out.println("|---|---|---|---|---|---|");
        for (Variant v : variants) {
            long t0 = System.nanoTime();
            List<List<CatScored>> folds = new ArrayList<>();
            for (String source : TrainingData.CATEGORY_SOURCES) {
                List<Sample> train = v.data().apply(TrainingData.only(data.categories, Set.of(source), false));
                CategoryModel m = HybridTrainer.trainCategories(v.recipe(), train, vectors, embedder, 1f, 0f);
                List<CatScored> scored = new ArrayList<>();
                for (Sample s : TrainingData.only(data.categories, Set.of(source), true)) {
                    float[] e = vectors.get(s.text());
                    double[] sim = new double[keys.size()];
                    for (int c = 0; c < sim.length; c++) {
                        for (int j = 0; j < e.length; j++) {
                            sim[c] += e[j] * desc[c][j];
                        }
                    }
                    scored.add(new CatScored(s, m.logits(m.encode(s.text())), sim));
                }
                folds.add(scored);
            }
            System.err.printf(Locale.ROOT, "%s: %.0f s%n", v.name(), (System.nanoTime() - t0) / 1e9);
            for (double alpha : java.util.Arrays.stream(System.getProperty("alphas", "0,2,5,10,20").split(","))
                    .mapToDouble(Double::parseDouble)
                    .toArray()) {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | %.0f |", v.name(), alpha));
                double sum = 0;
                for (List<CatScored> fold : folds) {
                    double[] r = categoryMetrics(fold, alpha);
                    sum += r[1];
                    b.append(String.format(Locale.ROOT, " %.3f / %.3f / %s |", r[0], r[1],
                            Double.isNaN(r[2]) ? "–" : String.format(Locale.ROOT, "%.2f", r[2])));
                }
                b.append(String.format(Locale.ROOT, " %.3f |", sum / folds.size()));
                System.out.println(b);
            }
        }
    }

    /** top-1 accuracy, macro-F1 and technical recall over the messages that have a category. */
    static double[] categoryMetrics(List<CatScored> fold, double alpha) {
        int k = Taxonomy.keys().size();
        int t = Taxonomy.keys().indexOf("technical");
        int[] tp = new int[k];
        int[] fp = new int[k];
        int[] fn = new int[k];
        int n = 0;
        int correct = 0;
        for (CatScored s : fold) {
            if (s.sample().labels().length == 0) {
                continue;
            }
            double[] z = s.z().clone();
            for (int c = 0; c < k; c++) {
                z[c] += alpha * s.sim()[c];
            }
            int top = SentimentModel.argmax(z);
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
        double tech = tp[t] + fn[t] == 0 ? Double.NaN : (double) tp[t] / (tp[t] + fn[t]);
        return new double[] {(double) correct / n, HeldOutMetrics.macroF1(tp, fp, fn), tech};
    }

    static float[] normalised(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(n));
        }
        return out;
    }
}
