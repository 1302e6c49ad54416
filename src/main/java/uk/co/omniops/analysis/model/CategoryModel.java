package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Multi-label categories of customer-service messages over the {@link Taxonomy} keys: one
 * logistic regression per key (one-vs-rest). The n-gram artefact ({@value #NGRAM_RESOURCE}) scores
 * hashed word and character n-grams; the default hybrid artefact ({@value #DEFAULT_RESOURCE}) adds
 * a linear head on the message's sentence embedding and calibrates the confidences (see
 * docs/decisions/004).
 *
 * <p>Selection rule of {@link #classify}: every category whose confidence is at least
 * {@value #THRESHOLD}, sorted by confidence descending; if none reaches it, the top-ranked
 * category alone when its confidence is at least {@value #MIN_TOP_CONFIDENCE}; otherwise an empty
 * list (the message is about nothing the taxonomy knows, e.g. "what's the weather like"). With the
 * hybrid model a message with almost no content ("??", "ok", a lone emoji or link) gets no
 * category.
 *
 * <p>Immutable and thread-safe: share one instance. Methods never return null.
 */
public final class CategoryModel {

    /** Confidence from which a category is reported. */
    public static final double THRESHOLD = 0.5;
    /** Confidence from which the top category is reported when none reaches {@link #THRESHOLD}. */
    public static final double MIN_TOP_CONFIDENCE = 0.2;
    /** Classpath location of the default (embedding + n-gram) artefact. */
    public static final String DEFAULT_RESOURCE = "/models/categories-v3.bin";
    /** Classpath location of the n-gram-only artefact, used when embeddings are switched off. */
    public static final String NGRAM_RESOURCE = "/models/categories-v1.bin";

    private static volatile @Nullable CategoryModel defaultModel;
    private static volatile @Nullable CategoryModel ngramModel;

    private final LinearModel model;
    private final @Nullable DenseLayer dense;
    private final @Nullable TextEmbedder embedder;
    private final float scale;
    private final float bias;

    CategoryModel(LinearModel model) {
        this(ModelArtefact.Parts.ngramOnly(model), null);
    }

    CategoryModel(ModelArtefact.Parts parts, @Nullable TextEmbedder embedder) {
        for (String l : parts.linear().labels) {
            if (!Taxonomy.contains(l)) {
                throw new IllegalArgumentException("unknown category in model: " + l);
            }
        }
        if (parts.dense() != null) {
            if (embedder == null || !embedder.name().equals(parts.encoder())) {
                throw new IllegalArgumentException("model needs the " + parts.encoder() + " encoder, got "
                        + (embedder == null ? "none" : embedder.name()));
            }
            if (parts.dense().dims != embedder.dimensions()
                    || parts.dense().k != parts.linear().labels.size()) {
                throw new IllegalArgumentException("dense layer does not match the encoder or labels");
            }
        }
        this.model = parts.linear();
        this.dense = parts.dense();
        this.embedder = parts.dense() == null ? null : embedder;
        this.scale = parts.scale();
        this.bias = parts.bias();
    }

    /**
     * The hybrid model shipped in {@value #DEFAULT_RESOURCE} on the JVM's shared
     * {@link SentenceEmbeddings}, loaded once and cached.
     *
     * @throws UncheckedIOException if the artefact is missing or corrupt
     */
    public static CategoryModel loadDefault() {
        CategoryModel m = defaultModel;
        if (m == null) {
            synchronized (CategoryModel.class) {
                m = defaultModel;
                if (m == null) {
                    m = loadResource(
                            DEFAULT_RESOURCE, SentenceEmbeddings.shared().meanMax());
                    defaultModel = m;
                }
            }
        }
        return m;
    }

    /** The n-gram model shipped in {@value #NGRAM_RESOURCE} (no encoder needed), loaded once and cached. */
    public static CategoryModel loadNgram() {
        CategoryModel m = ngramModel;
        if (m == null) {
            synchronized (CategoryModel.class) {
                m = ngramModel;
                if (m == null) {
                    m = loadResource(NGRAM_RESOURCE, null);
                    ngramModel = m;
                }
            }
        }
        return m;
    }

    /** Loads an artefact from the classpath (not cached); {@code embedder} may be null for an n-gram artefact. */
    public static CategoryModel loadResource(String resource, @Nullable TextEmbedder embedder) {
        try (InputStream in = CategoryModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("model resource not found: " + resource));
            }
            return load(in, embedder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an artefact written by the trainer; does not close the stream. */
    public static CategoryModel load(InputStream in, @Nullable TextEmbedder embedder) throws IOException {
        try {
            return new CategoryModel(ModelArtefact.read(in, "categories"), embedder);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Model version, e.g. {@code categories-v3}. */
    public String version() {
        return model.version;
    }

    /** Whether this model uses sentence embeddings. */
    public boolean usesEmbeddings() {
        return dense != null;
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
    public List<CategoryScore> classify(String text, @Nullable CustomerAdapter adapter) {
        Encoded e = encode(text);
        if (e.lowInformation()) {
            return List.of();
        }
        return select(rank(e, adapter));
    }

    /** Every category with its confidence, sorted by confidence descending. */
    public List<CategoryScore> rank(String text) {
        return rank(text, null);
    }

    /** As {@link #rank(String)}, with a customer's adapter (may be null) applied. */
    public List<CategoryScore> rank(String text, @Nullable CustomerAdapter adapter) {
        return rank(encode(text), adapter);
    }

    List<CategoryScore> rank(Encoded e, @Nullable CustomerAdapter adapter) {
        double[] z = logits(e);
        if (adapter != null) {
            adapter.addCategoryLogits(e, z);
        }
        List<CategoryScore> out = new ArrayList<>(z.length);
        for (int c = 0; c < z.length; c++) {
            out.add(new CategoryScore(model.labels.get(c), confidence(z[c])));
        }
        out.sort(Comparator.comparingDouble(CategoryScore::confidence).reversed());
        return out;
    }

    /** Calibrated confidence of a (base + adapter) logit. */
    double confidence(double z) {
        return sigmoid(scale * z + bias);
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

    Encoded encode(String text) {
        SparseVector x = model.featuriser.features(text);
        if (embedder == null) {
            return new Encoded(text, x, null, false);
        }
        return new Encoded(text, x, embedder.embed(text), Featuriser.lowInformation(text));
    }

    /** Base logits including the offsets (before calibration). */
    double[] logits(Encoded e) {
        double[] z = model.logits(e.x());
        if (dense != null) {
            dense.addTo(e.embedding(), z);
        }
        for (int c = 0; c < z.length; c++) {
            z[c] += model.offsets[c];
        }
        return z;
    }

    int indexOf(String key) {
        return model.labels.indexOf(key);
    }

    ModelArtefact.Parts parts() {
        return new ModelArtefact.Parts(
                model, dense, embedder == null ? null : embedder.name(), scale, bias, null, null);
    }

    void write(OutputStream out) throws IOException {
        ModelArtefact.write(parts(), out);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
