package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import uk.co.omniops.analysis.model.TrainingData.Sample;

/**
 * The parts of {@link Comparison} after the held-out folds: the repository's own eval files and the adaptation figures
 * ({@code eval --adapt-from} replayed on a source the model never saw).
 */
final class AdaptationReport {

    private AdaptationReport() {}

    static void repositoryFiles(TrainingData data, Comparison.Inputs in, Path evalDir, Comparison.Calibration cal)
            throws IOException {
        TrainingVectors vectors = in.sentimentVectors();
        TextEmbedder embedder = in.sentimentEmbedder();
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
        for (Recipe s : Comparison.SENTIMENT_RECIPES) {
            for (boolean withSupport : new boolean[] {true, false}) {
                Set<String> drop = withSupport ? Set.of() : Set.of("support");
                SentimentModel sm = HybridTrainer.trainSentiment(
                        data,
                        s,
                        TrainingData.only(data.sentiment, drop, false),
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
        repositoryCategoryFiles(data, in.categoryVectors(), in.categoryEmbedder(), categoryFiles, cal);
    }

    private static void repositoryCategoryFiles(
            TrainingData data,
            TrainingVectors vectors,
            TextEmbedder embedder,
            List<ModelEvaluation.Example> categoryFiles,
            Comparison.Calibration cal) {
        System.out.println();
        System.out.println("| category recipe | trained on | top-1 accuracy | macro-F1 | technical recall |");
        System.out.println("|---|---|---|---|---|");
        for (Recipe c : Comparison.CATEGORY_RECIPES) {
            for (boolean withSupport : new boolean[] {true, false}) {
                Set<String> drop = withSupport ? Set.of() : Set.of("support");
                CategoryModel cm = HybridTrainer.trainCategories(
                        c,
                        TrainingData.only(data.categories, drop, false),
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
    static void adaptation(TrainingData data, Comparison.Inputs in) {
        TrainingVectors vectors = in.sentimentVectors();
        TextEmbedder embedder = in.sentimentEmbedder();
        System.out.println();
        System.out.println(
                "| task | new domain | adapter | corrections applied / offered | accuracy before | after | Δ | adapter size (bytes) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String source : List.of("nyt", "amazon", "tweets")) {
            SentimentModel m = HybridTrainer.trainSentiment(
                    data,
                    Comparison.SENTIMENT_CHOICE,
                    TrainingData.only(data.sentiment, Set.of(source), false),
                    vectors,
                    embedder,
                    1f,
                    false);
            List<ModelEvaluation.Example> all =
                    examples(TrainingData.only(data.sentiment, Set.of(source), true), SentimentModel.LABELS);
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
        categoryAdaptation(data, in.categoryVectors(), in.categoryEmbedder());
    }

    private static void categoryAdaptation(TrainingData data, TrainingVectors vectors, TextEmbedder embedder) {
        for (String source : List.of("clinc", "bitext")) {
            CategoryModel m = HybridTrainer.trainCategories(
                    Comparison.CATEGORY_CHOICE,
                    TrainingData.only(data.categories, Set.of(source), false),
                    vectors,
                    embedder,
                    1f,
                    0f);
            List<Sample> mapped = new ArrayList<>();
            for (Sample s : TrainingData.only(data.categories, Set.of(source), true)) {
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

    static double accuracy(List<ModelEvaluation.Example> test, Function<String, String> predictor) {
        int correct = 0;
        for (ModelEvaluation.Example e : test) {
            if (predictor.apply(e.text()).equals(e.label())) {
                correct++;
            }
        }
        return (double) correct / test.size();
    }
}
