package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The model variants compared in decision record 004, printed as a Markdown table. */
final class Variants {

    private Variants() {}

    static void run(ModelTrainer.Corpus corpus, Path evalDir) throws IOException {
        List<ModelEvaluation.Example> sentimentOod = ModelEvaluation.read(evalDir.resolve("sentiment-ood.tsv"));
        List<ModelEvaluation.Example> categoryOod = ModelEvaluation.read(evalDir.resolve("categories-ood.tsv"));
        List<ModelEvaluation.Example> heldSupport =
                ModelTrainer.examples(corpus.sentimentTest, "support", SentimentModel.LABELS);
        List<ModelEvaluation.Example> heldAll =
                ModelTrainer.examples(corpus.sentimentTest, null, SentimentModel.LABELS);
        int lex = Featuriser.USE_LEXICON;
        int cues = Featuriser.USE_CUES;

        System.out.println(
                "| sentiment variant | held-out acc (all) | held-out acc (support) | OOD acc | OOD macro-F1 | OOD neg recall |");
        System.out.println("|---|---|---|---|---|---|");
        Function<String, String> lexOnly = t -> {
            String n = TextFeatures.normalise(t);
            double c = corpus.lexicon.score(n, TextFeatures.tokens(n)).compound();
            return c <= -0.05 ? "negative" : c >= 0.05 ? "positive" : "neutral";
        };
        row("VADER-style lexicon rules only", lexOnly, heldAll, heldSupport, sentimentOod);
        record V(String name, int options, String[] sources) {}
        for (V v : List.of(
                new V("LR n-grams, VADER snippets", 0, new String[] {"vader"}),
                new V("LR n-grams + lexicon, VADER snippets", lex, new String[] {"vader"}),
                new V("LR n-grams + lexicon, VADER + Bitext", lex, new String[] {"vader", "bitext"}),
                new V("LR n-grams + lexicon + cues, VADER + Bitext", lex | cues, new String[] {"vader", "bitext"}),
                new V("LR n-grams + lexicon, VADER + Bitext + support", lex, new String[] {"vader", "bitext", "support"
                }),
                new V("LR n-grams + cues, VADER + Bitext + support", cues, new String[] {"vader", "bitext", "support"}),
                new V("LR n-grams + lexicon + cues, all (shipped)", lex | cues, new String[] {
                    "vader", "bitext", "support"
                }))) {
            List<ModelTrainer.Sample> train = new ArrayList<>();
            for (ModelTrainer.Sample s : corpus.sentimentTrain) {
                if (List.of(v.sources).contains(s.source())) {
                    train.add(s);
                }
            }
            SentimentModel m = ModelTrainer.trainSentiment(corpus, v.options, train);
            row(v.name, t -> m.analyse(t).label(), heldAll, heldSupport, sentimentOod);
        }
        System.out.println();
        System.out.println("| category variant | held-out macro-F1 | OOD top-1 acc | OOD macro-F1 |");
        System.out.println("|---|---|---|---|");
        List<ModelEvaluation.Example> heldCats = ModelTrainer.examples(corpus.categoryTest, null, Taxonomy.keys());
        for (V v : List.of(
                new V("OvR LR n-grams, Bitext only", 0, new String[] {"bitext"}),
                new V("OvR LR n-grams, Bitext + support seeds (shipped)", 0, new String[] {"bitext", "support"}),
                new V("OvR LR n-grams + cues, Bitext + support seeds", cues, new String[] {"bitext", "support"}))) {
            List<ModelTrainer.Sample> train = new ArrayList<>();
            for (ModelTrainer.Sample s : corpus.categoryTrain) {
                if (List.of(v.sources).contains(s.source())) {
                    train.add(s);
                }
            }
            CategoryModel m = ModelTrainer.trainCategories(train, v.options);
            ModelEvaluation.Report held = ModelEvaluation.evaluateCategories(heldCats, m);
            ModelEvaluation.Report ood = ModelEvaluation.evaluateCategories(categoryOod, m);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.3f | %.3f | %.3f |%n",
                    v.name,
                    held.macroF1(),
                    ood.accuracy(),
                    ood.macroF1());
        }
    }

    private static void row(
            String name,
            Function<String, String> predictor,
            List<ModelEvaluation.Example> heldAll,
            List<ModelEvaluation.Example> heldSupport,
            List<ModelEvaluation.Example> ood) {
        double all = accuracy(predictor, heldAll);
        double support = accuracy(predictor, heldSupport);
        ModelEvaluation.Report r = ModelEvaluation.evaluate("sentiment", ood, SentimentModel.LABELS, predictor);
        System.out.printf(
                Locale.ROOT,
                "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                name,
                all,
                support,
                r.accuracy(),
                r.macroF1(),
                r.perClass().get("negative").recall());
    }

    private static double accuracy(Function<String, String> predictor, List<ModelEvaluation.Example> examples) {
        int ok = 0;
        for (ModelEvaluation.Example e : examples) {
            if (predictor.apply(e.text()).equals(e.label())) {
                ok++;
            }
        }
        return examples.isEmpty() ? 0 : (double) ok / examples.size();
    }
}
