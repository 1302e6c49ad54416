package uk.co.omniops.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerAdapterTests {

    private final SentimentModel sentiment = SentimentModel.loadDefault();
    private final CategoryModel categories = CategoryModel.loadDefault();

    @Test
    void sentimentCorrectionIsReflectedOnTheSameAndASimilarMessage() {
        String text = "the parcel came in a purple box";
        CustomerAdapter adapter = new CustomerAdapter();
        String before = sentiment.analyse(text, adapter).label();
        String wanted = before.equals("positive") ? "negative" : "positive";

        adapter.correctSentiment(sentiment, text, wanted);

        assertThat(sentiment.analyse(text, adapter).label()).isEqualTo(wanted);
        assertThat(sentiment
                        .analyse("The parcel came in a purple box!", adapter)
                        .label())
                .isEqualTo(wanted);
        assertThat(sentiment.analyse(text, adapter).model()).endsWith("+adapter");
    }

    @Test
    void correctionDoesNotAffectAFreshAdapter() {
        String text = "the parcel came in a purple box";
        CustomerAdapter customerA = new CustomerAdapter();
        CustomerAdapter customerB = new CustomerAdapter();
        String base = sentiment.analyse(text).label();
        customerA.correctSentiment(sentiment, text, base.equals("positive") ? "negative" : "positive");

        assertThat(sentiment.analyse(text, customerB).label()).isEqualTo(base);
        assertThat(customerB.weights()).isZero();
    }

    @Test
    void categoryCorrectionAddsAndRemovesCategories() {
        String text = "my smart kettle light is blinking red";
        CustomerAdapter adapter = new CustomerAdapter();
        String top = categories.rank(text).get(0).key();
        String added = top.equals("product") ? "technical" : "product";

        adapter.correctCategories(categories, text, Set.of(added), Set.of(top));

        assertThat(categories.classify(text, adapter))
                .extracting(CategoryScore::key)
                .contains(added)
                .doesNotContain(top);
        assertThat(categories.classify(text)).extracting(CategoryScore::key).doesNotContain(added);
    }

    @Test
    void roundTripThroughBytesKeepsWhatWasLearnt() {
        String text = "the parcel came in a purple box";
        CustomerAdapter adapter = new CustomerAdapter();
        adapter.correctSentiment(sentiment, text, "negative");
        adapter.correctCategories(categories, text, Set.of("complaint"), Set.of());

        CustomerAdapter restored = CustomerAdapter.fromBytes(adapter.toBytes());

        assertThat(restored.toBytes()).isEqualTo(adapter.toBytes());
        assertThat(sentiment.analyse(text, restored)).isEqualTo(sentiment.analyse(text, adapter));
        assertThat(restored.corrections()).isEqualTo(2);
    }

    @Test
    void prequentialAccuracyCountsAgreementBeforeLearning() {
        CustomerAdapter adapter = new CustomerAdapter();
        assertThat(adapter.sentimentPrequentialAccuracy()).isNaN();
        String text = "the parcel came in a purple box";
        String other = sentiment.analyse(text).label().equals("positive") ? "negative" : "positive";

        assertThat(adapter.correctSentiment(sentiment, text, other)).isFalse();
        assertThat(adapter.correctSentiment(sentiment, text, other)).isTrue();
        assertThat(adapter.sentimentPrequentialAccuracy()).isEqualTo(0.5);
    }

    @Test
    void rejectsUnknownLabelAndCorruptBytes() {
        CustomerAdapter adapter = new CustomerAdapter();
        assertThatThrownBy(() -> adapter.correctSentiment(sentiment, "x", "angry"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomerAdapter.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void embeddingHeadCarriesACorrectionToAParaphrase() {
        String corrected = "the parcel came in a purple box";
        String paraphrase = "my delivery arrived packed in violet cardboard";
        CustomerAdapter sparse = new CustomerAdapter(CustomerAdapter.DEFAULT_LEARNING_RATE, CustomerAdapter.SPARSE);
        CustomerAdapter dense = new CustomerAdapter(CustomerAdapter.DEFAULT_LEARNING_RATE, CustomerAdapter.DENSE);
        String wanted = sentiment.analyse(paraphrase).label().equals("positive") ? "negative" : "positive";
        for (int i = 0; i < 3; i++) {
            sparse.correctSentiment(sentiment, corrected, wanted);
            dense.correctSentiment(sentiment, corrected, wanted);
        }

        double base = probabilityOf(wanted, paraphrase, null);
        assertThat(probabilityOf(wanted, paraphrase, dense)).isGreaterThan(probabilityOf(wanted, paraphrase, sparse));
        assertThat(probabilityOf(wanted, paraphrase, dense)).isGreaterThan(base);
    }

    @Test
    void theCategoryHeadLearnsOnTheSentenceVectorSoSavedHeadsKeepWorking() throws Exception {
        // the category model reads mean + max (768 numbers); a customer's head stays on the 384-number mean, the
        // layout adapters were saved with before categories-v3
        String text = "the parcel came in a purple box";
        assertThat(categories.encode(text).embedding()).hasSize(768);
        CustomerAdapter dense = new CustomerAdapter(CustomerAdapter.DEFAULT_LEARNING_RATE, CustomerAdapter.DENSE);
        dense.correctCategories(categories, text, Set.of("billing"), Set.of());

        assertThat(dense.weights()).isEqualTo(categories.keys().size() * 384);
        CustomerAdapter restored = CustomerAdapter.fromBytes(dense.toBytes());
        assertThat(categories.rank(text, restored)).isEqualTo(categories.rank(text, dense));
        assertThat(confidence(categories.rank(text, restored), "billing"))
                .isGreaterThanOrEqualTo(0.64)
                .isGreaterThan(confidence(categories.rank(text), "billing") + 0.3);
    }

    private static double confidence(java.util.List<CategoryScore> ranked, String key) {
        return ranked.stream()
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow()
                .confidence();
    }

    @Test
    void adaptersSavedBeforeTheEmbeddingHeadStillLoad() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var d = new java.io.DataOutputStream(bytes)) {
            d.writeInt(0x4F434131); // "OCA1": rate, four counters, two empty weight maps
            d.writeDouble(0.5);
            d.writeLong(2);
            d.writeLong(1);
            d.writeLong(0);
            d.writeLong(0);
            d.writeInt(0);
            d.writeInt(0);
        }

        CustomerAdapter old = CustomerAdapter.fromBytes(bytes.toByteArray());

        assertThat(old.corrections()).isEqualTo(2);
        assertThat(old.sentimentPrequentialAccuracy()).isEqualTo(0.5);
        assertThat(sentiment.analyse("the parcel came in a purple box", old).label())
                .isEqualTo(sentiment.analyse("the parcel came in a purple box").label());
    }

    private double probabilityOf(String label, String text, CustomerAdapter adapter) {
        Encoded e = sentiment.encode(text);
        double[] z = sentiment.logits(e);
        if (adapter != null) {
            adapter.addSentimentLogits(e, z);
        }
        return sentiment.probabilities(z)[SentimentModel.LABELS.indexOf(label)];
    }
}
