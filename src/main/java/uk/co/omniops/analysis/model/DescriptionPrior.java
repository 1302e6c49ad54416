package uk.co.omniops.analysis.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The category model's description prior (decision record 004, session 28). */
final class DescriptionPrior {

    private DescriptionPrior() {}

    /**
     * What a message of each category is about, in a few plain sentences per key: a prior that does not come from
     * any training source. Its mean sentence vector (normalised) times {@link Recipe#descriptionPrior} is added to the
     * key's embedding weights, so a message near the description leans to the key even where the training sources
     * have few examples of it (technical problems: the public data has almost none). Folded into the stored weights.
     */
    static final Map<String, List<String>> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(
                "billing",
                List.of("I was charged the wrong amount on my bill", "question about my invoice and payment"));
        DESCRIPTIONS.put("refund", List.of("I want my money back, where is my refund", "refund for a returned item"));
        DESCRIPTIONS.put(
                "delivery",
                List.of("my parcel has not arrived, where is the delivery", "shipping and delivery address"));
        DESCRIPTIONS.put("order", List.of("I want to change my order", "status of the order I placed"));
        DESCRIPTIONS.put(
                "account", List.of("I cannot log in to my account, password reset", "update my account details"));
        DESCRIPTIONS.put("cancellation", List.of("I want to cancel my subscription", "cancel my order or contract"));
        DESCRIPTIONS.put(
                "technical",
                List.of(
                        "the app keeps crashing and shows an error",
                        "my device or internet connection is not working",
                        "the website is broken, the feature does not work"));
        DESCRIPTIONS.put(
                "product",
                List.of("question about a product's features, size or compatibility", "is this item in stock"));
        DESCRIPTIONS.put(
                "complaint",
                List.of("this service is terrible, I am very unhappy", "I want to make a formal complaint"));
        DESCRIPTIONS.put("praise", List.of("thank you so much, great service", "you were very helpful, I love it"));
        DESCRIPTIONS.put("human_agent", List.of("let me speak to a real person", "connect me to a human agent"));
    }

    static void add(float[] dense, TextEmbedder embedder, float alpha) {
        List<String> keys = Taxonomy.keys();
        int d = embedder.dimensions();
        for (var e : DESCRIPTIONS.entrySet()) {
            double[] sum = new double[d];
            for (float[] v : embedder.embedAll(e.getValue())) {
                for (int j = 0; j < d; j++) {
                    sum[j] += v[j];
                }
            }
            double norm = Math.sqrt(Arrays.stream(sum).map(x -> x * x).sum());
            int c = keys.indexOf(e.getKey());
            for (int j = 0; j < d; j++) {
                dense[c * d + j] += (float) (alpha * sum[j] / norm);
            }
        }
    }
}
