package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training texts of {@link HybridTrainer} from {@code src/training/data}: VADER's four rated sources, Bitext,
 * CLINC150 and our support messages, each {@link Sample} tagged with its source so whole sources can be held out
 * (how each source is labelled and weighted: src/training/README.md).
 */
final class TrainingData {

    static final double SUPPORT_WEIGHT = 10;
    static final double VADER_WEIGHT = 0.4;
    /** CLINC150 requests outside our taxonomy teach "none of these"; many, so each counts less. */
    static final double NONE_WEIGHT = 0.5;
    /** CLINC150 as sentiment data: calm requests (neutral), problem reports (negative), thanks (positive). */
    static final double CLINC_SENTIMENT_WEIGHT = 0.3;

    static final List<String> SENTIMENT_SOURCES = List.of("tweets", "amazon", "nyt", "movie", "bitext", "support");
    static final List<String> CATEGORY_SOURCES = List.of("bitext", "clinc", "support");

    /** One training text: labels (one for sentiment, any number for categories), valence (NaN if none). */
    record Sample(String text, int[] labels, double valence, double weight, String source) {}

    final LexiconScorer lexicon;
    final List<Sample> sentiment = new ArrayList<>();
    final List<Sample> categories = new ArrayList<>();

    TrainingData(LexiconScorer lexicon) {
        this.lexicon = lexicon;
    }

    static TrainingData load(Path dir) throws IOException {
        TrainingData d = new TrainingData(ModelTrainer.loadLexicon(dir.resolve("sentiment")));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("tweets", "tweets");
        files.put("amazon", "amazonReviewSnippets");
        files.put("nyt", "nytEditorialSnippets");
        files.put("movie", "movieReviewSnippets");
        for (var f : files.entrySet()) {
            double weight =
                    VADER_WEIGHT * (f.getKey().equals("tweets") || f.getKey().equals("amazon") ? 1 : 0.5);
            for (String line : Files.readAllLines(
                    dir.resolve("sentiment/" + f.getValue() + "_GroundTruth.txt"), StandardCharsets.ISO_8859_1)) {
                String[] parts = line.split("\t", 3);
                if (parts.length < 3) {
                    continue;
                }
                double rating = Double.parseDouble(parts[1].trim());
                int label = rating <= -0.5 ? 0 : rating >= 0.5 ? 2 : 1;
                d.sentiment.add(new Sample(parts[2].trim(), new int[] {label}, rating / 4, weight, f.getKey()));
            }
        }
        List<String> keys = Taxonomy.keys();
        List<String> bitext = Files.readAllLines(
                dir.resolve("categories/Bitext_Sample_Customer_Service_Training_Dataset.csv"), StandardCharsets.UTF_8);
        for (String line : bitext.subList(1, bitext.size())) {
            String[] parts = ModelTrainer.parseCsv(line);
            String text = parts[1];
            String intent = parts[3];
            boolean negative = intent.equals("complaint") || parts[0].contains("W");
            // no human valence for Bitext: a calm complaint ≈ −1.2 on VADER's −4…+4 scale, a request 0
            d.sentiment.add(new Sample(text, new int[] {negative ? 0 : 1}, negative ? -0.3 : 0, 1, "bitext"));
            d.categories.add(new Sample(text, ModelTrainer.categoriesOf(intent, keys), Double.NaN, 1, "bitext"));
        }
        for (String[] row : ClincIntents.read(dir.resolve("intents/clinc150_data_full.json"))) {
            int[] cats = ClincIntents.categoriesOf(row[1], keys);
            d.categories.add(new Sample(row[0], cats, Double.NaN, cats.length == 0 ? NONE_WEIGHT : 1, "clinc"));
            int sentiment = ClincIntents.sentimentOf(row[1]);
            d.sentiment.add(new Sample(
                    row[0],
                    new int[] {sentiment},
                    sentiment == 0 ? -0.25 : sentiment == 2 ? 0.4 : 0,
                    CLINC_SENTIMENT_WEIGHT,
                    "clinc"));
        }
        for (ModelTrainer.SupportMessage m : ModelTrainer.supportMessages(dir, keys)) {
            // our messages carry no rating: problem reports ≈ −1.2, thanks ≈ +1.4 on the −4…+4 scale
            double valence = m.sentiment() == 0 ? -0.3 : m.sentiment() == 2 ? 0.35 : 0;
            d.sentiment.add(new Sample(m.text(), new int[] {m.sentiment()}, valence, SUPPORT_WEIGHT, "support"));
            d.categories.add(new Sample(m.text(), m.categories(), Double.NaN, SUPPORT_WEIGHT, "support"));
        }
        return d;
    }

    static List<Sample> only(List<Sample> all, Set<String> sources, boolean keep) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : all) {
            if (sources.contains(s.source) == keep) {
                out.add(s);
            }
        }
        return out;
    }
}
