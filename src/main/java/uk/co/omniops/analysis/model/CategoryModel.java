package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Multi-label categories of customer-service messages over the {@link Taxonomy} keys: one
 * logistic regression per key (one-vs-rest) over hashed word and character n-grams.
 *
 * <p>Selection rule of {@link #classify}: every category whose confidence is at least
 * {@value #THRESHOLD}, sorted by confidence descending; if none reaches it, the top-ranked
 * category alone when its confidence is at least {@value #MIN_TOP_CONFIDENCE}; otherwise an empty
 * list (the message is about nothing the taxonomy knows, e.g. "hi").
 *
 * <p>Immutable and thread-safe: share one instance. Methods never return null.
 */
public final class CategoryModel {

    /** Confidence from which a category is reported. */
    public static final double THRESHOLD = 0.5;
    /** Confidence from which the top category is reported when none reaches {@link #THRESHOLD}. */
    public static final double MIN_TOP_CONFIDENCE = 0.2;
    /** Classpath location of the default artefact. */
    public static final String DEFAULT_RESOURCE = "/models/categories-v1.bin";

    private static volatile CategoryModel defaultModel;

    private final LinearModel model;

    CategoryModel(LinearModel model) {
        for (String l : model.labels) {
            if (!Taxonomy.contains(l)) {
                throw new IllegalArgumentException("unknown category in model: " + l);
            }
        }
        this.model = model;
    }

    /**
     * The model shipped in {@value #DEFAULT_RESOURCE}, loaded once and cached.
     *
     * @throws UncheckedIOException if the artefact is missing or corrupt
     */
    public static CategoryModel loadDefault() {
        CategoryModel m = defaultModel;
        if (m == null) {
            synchronized (CategoryModel.class) {
                m = defaultModel;
                if (m == null) {
                    m = loadResource(DEFAULT_RESOURCE);
                    defaultModel = m;
                }
            }
        }
        return m;
    }

    /** Loads an artefact from the classpath (not cached). */
    public static CategoryModel loadResource(String resource) {
        try (InputStream in = CategoryModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("model resource not found: " + resource));
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an artefact written by {@link ModelTrainer}; does not close the stream. */
    public static CategoryModel load(InputStream in) throws IOException {
        return new CategoryModel(LinearModel.read(in, "categories"));
    }

    /** Model version, e.g. {@code categories-v1}. */
    public String version() {
        return model.version;
    }

    /** The category keys this model scores, in taxonomy order. */
    public List<String> keys() {
        return model.labels;
    }

    /** Categories of {@code text} by the selection rule described on the class. */
    public List<CategoryScore> classify(String text) {
        return classify(text, null);
    }

    /** As {@link #classify(String)}, with a customer's adapter (may be null) applied. */
    public List<CategoryScore> classify(String text, CustomerAdapter adapter) {
        return select(rank(text, adapter));
    }

    /** Every category with its confidence, sorted by confidence descending. */
    public List<CategoryScore> rank(String text) {
        return rank(text, null);
    }

    /** As {@link #rank(String)}, with a customer's adapter (may be null) applied. */
    public List<CategoryScore> rank(String text, CustomerAdapter adapter) {
        SparseVector x = model.featuriser.features(text);
        double[] z = logits(x);
        if (adapter != null) {
            adapter.addCategoryLogits(x, z);
        }
        List<CategoryScore> out = new ArrayList<>(z.length);
        for (int c = 0; c < z.length; c++) {
            out.add(new CategoryScore(model.labels.get(c), sigmoid(z[c])));
        }
        out.sort(Comparator.comparingDouble(CategoryScore::confidence).reversed());
        return out;
    }

    static List<CategoryScore> select(List<CategoryScore> ranked) {
        List<CategoryScore> out = new ArrayList<>();
        for (CategoryScore s : ranked) {
            if (s.confidence() >= THRESHOLD) {
                out.add(s);
            }
        }
        if (out.isEmpty() && !ranked.isEmpty() && ranked.get(0).confidence() >= MIN_TOP_CONFIDENCE) {
            out.add(ranked.get(0));
        }
        return List.copyOf(out);
    }

    SparseVector features(String text) {
        return model.featuriser.features(text);
    }

    double[] logits(SparseVector x) {
        double[] z = model.logits(x);
        for (int c = 0; c < z.length; c++) {
            z[c] += model.offsets[c];
        }
        return z;
    }

    int indexOf(String key) {
        return model.labels.indexOf(key);
    }

    void write(OutputStream out) throws IOException {
        model.write(out);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
