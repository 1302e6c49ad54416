package uk.co.omniops.analysis.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Adaptation variants for decision record 004 (not part of the product): the replay of {@link AdaptationReport} (500
 * corrections of a sentiment source the model never saw, accuracy on 1,000 others; our support messages: 200 and the
 * rest) with other learning rates. Usage: {@code AdaptationSweep dataDir cacheFile}. Session 33 also tried a
 * per-customer bias per label, through a hook in {@link CustomerAdapter} that commit 7cb2568 had and the next one
 * removed (decision record 004).
 */
final class AdaptationSweep {

    private AdaptationSweep() {}

    public static void main(String[] args) throws Exception {
        TrainingData data = TrainingData.load(Path.of(args[0]));
        TextEmbedder encoder = SentenceEmbeddings.shared();
        TrainingVectors vectors =
                TrainingVectors.of(encoder, List.of(data.sentiment, data.categories), Path.of(args[1]));
        TextEmbedder embedder = new CachedEmbedder(encoder, vectors);
        double[] rates = {0.25, 0.5, 1.0};
        System.out.println("| source | learning rate | corrections | before | after | Δ |");
        System.out.println("|---|---|---|---|---|---|");
        for (String source : List.of("nyt", "amazon", "tweets", "support")) {
            SentimentModel m = HybridTrainer.trainSentiment(data, Comparison.SENTIMENT_CHOICE,
                    TrainingData.only(data.sentiment, Set.of(source), false), vectors, embedder, 1f, false);
            List<ModelEvaluation.Example> all = AdaptationReport.examples(
                    TrainingData.only(data.sentiment, Set.of(source), true), SentimentModel.LABELS);
            int split = source.equals("support") ? 200 : 500;
            List<ModelEvaluation.Example> corrections = all.subList(0, split);
            List<ModelEvaluation.Example> test = all.subList(split, Math.min(all.size(), split + 1000));
            double before = AdaptationReport.accuracy(test, t -> m.analyse(t).label());
            for (double rate : rates) {
                CustomerAdapter adapter = new CustomerAdapter(rate, CustomerAdapter.DEFAULT_MODE);
                int applied = ModelEvaluation.adaptSentiment(corrections, m, adapter);
                double after = AdaptationReport.accuracy(test, t -> m.analyse(t, adapter).label());
                System.out.printf(Locale.ROOT, "| %s | %.2f | %d / %d | %.3f | %.3f | %+.3f |%n",
                        source, rate, applied, corrections.size(), before, after, after - before);
            }
        }
    }
}
