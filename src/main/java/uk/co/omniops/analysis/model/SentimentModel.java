package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Three-class sentiment (negative / neutral / positive) of customer-service messages.
 *
 * <p>Two kinds of artefact: the n-gram model ({@value #NGRAM_RESOURCE}), a multinomial logistic
 * regression over hashed word and character n-grams, VADER-style lexicon scores and
 * customer-service cue features; and the default hybrid model ({@value #DEFAULT_RESOURCE}), which
 * adds a linear head on the message's sentence embedding ({@link TextEmbedder}), calibrated
 * probabilities and a regression of the score on human valence ratings (see docs/decisions/004).
 *
 * <p>Score: for the hybrid model the predicted mean human valence rescaled from −4…+4 to 0…1,
 * kept on the side of 0.5 that the label is on (a calm problem report ≈ 0.35–0.45, fury near 0);
 * for the n-gram model P(positive) + P(neutral)/2. A message with almost no content ("??", "ok",
 * a lone emoji or link) gets at most {@value #LOW_INFORMATION_CONFIDENCE} confidence from the
 * hybrid model.
 *
 * <p>Immutable and thread-safe: share one instance. {@link #analyse} never returns null.
 */
public final class SentimentModel {

    public static final String NEGATIVE = "negative";
    public static final String NEUTRAL = "neutral";
    public static final String POSITIVE = "positive";
    /** Classpath location of the default (embedding + n-gram) artefact. */
    public static final String DEFAULT_RESOURCE = "/models/sentiment-v2.bin";
    /** Classpath location of the n-gram-only artefact, used when embeddings are switched off. */
    public static final String NGRAM_RESOURCE = "/models/sentiment-v1.bin";
    /** Highest confidence given to a message with almost no content. */
    public static final double LOW_INFORMATION_CONFIDENCE = 0.4;

    static final List<String> LABELS = List.of(NEGATIVE, NEUTRAL, POSITIVE);

    private static volatile @Nullable SentimentModel defaultModel;
    private static volatile @Nullable SentimentModel ngramModel;

    private final LinearModel model;
    private final @Nullable DenseLayer dense;
    private final @Nullable TextEmbedder embedder;
    private final float scale;
    private final @Nullable LinearModel valence;
    private final @Nullable DenseLayer valenceDense;

    SentimentModel(LinearModel model) {
        this(ModelArtefact.Parts.ngramOnly(model), null);
    }

    SentimentModel(ModelArtefact.Parts parts, @Nullable TextEmbedder embedder) {
        if (!parts.linear().labels.equals(LABELS)) {
            throw new IllegalArgumentException("sentiment model labels must be " + LABELS);
        }
        if (parts.dense() != null) {
            if (embedder == null || !embedder.name().equals(parts.encoder())) {
                throw new IllegalArgumentException("model needs the " + parts.encoder() + " encoder, got "
                        + (embedder == null ? "none" : embedder.name()));
            }
            if (parts.dense().dims != embedder.dimensions() || parts.dense().k != LABELS.size()) {
                throw new IllegalArgumentException("dense layer does not match the encoder or labels");
            }
        }
        this.model = parts.linear();
        this.dense = parts.dense();
        this.embedder = parts.dense() == null ? null : embedder;
        this.scale = parts.scale();
        this.valence = parts.valence();
        this.valenceDense = parts.valenceDense();
    }

    /**
     * The hybrid model shipped in {@value #DEFAULT_RESOURCE} on the JVM's shared
     * {@link SentenceEmbeddings}, loaded once and cached.
     *
     * @throws UncheckedIOException if the artefact is missing or corrupt
     */
    public static SentimentModel loadDefault() {
        SentimentModel m = defaultModel;
        if (m == null) {
            synchronized (SentimentModel.class) {
                m = defaultModel;
                if (m == null) {
                    m = loadResource(DEFAULT_RESOURCE, SentenceEmbeddings.shared());
                    defaultModel = m;
                }
            }
        }
        return m;
    }

    /** The n-gram model shipped in {@value #NGRAM_RESOURCE} (no encoder needed), loaded once and cached. */
    public static SentimentModel loadNgram() {
        SentimentModel m = ngramModel;
        if (m == null) {
            synchronized (SentimentModel.class) {
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
    public static SentimentModel loadResource(String resource, @Nullable TextEmbedder embedder) {
        try (InputStream in = SentimentModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("model resource not found: " + resource));
            }
            return load(in, embedder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an artefact written by the trainer; does not close the stream. */
    public static SentimentModel load(InputStream in, @Nullable TextEmbedder embedder) throws IOException {
        try {
            return new SentimentModel(ModelArtefact.read(in, "sentiment"), embedder);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Model version, e.g. {@code sentiment-v2}. */
    public String version() {
        return model.version;
    }

    /** Whether this model uses sentence embeddings. */
    public boolean usesEmbeddings() {
        return dense != null;
    }

    /** Sentiment of {@code text} (any length; empty text comes out neutral-ish). */
    public SentimentResult analyse(String text) {
        return analyse(text, null);
    }

    /**
     * Sentiment of {@code text} with a customer's adapter added to the base model's scores.
     *
     * @param adapter may be null for the base model alone
     */
    public SentimentResult analyse(String text, @Nullable CustomerAdapter adapter) {
        Encoded e = encode(text);
        double[] z = logits(e);
        if (adapter != null) {
            adapter.addSentimentLogits(e, z);
        }
        double[] p = probabilities(z);
        int best = argmax(p);
        double confidence = e.lowInformation() ? Math.min(p[best], LOW_INFORMATION_CONFIDENCE) : p[best];
        String version = adapter == null ? model.version : model.version + "+adapter";
        return new SentimentResult(score(e, p, best), LABELS.get(best), confidence, version);
    }

    /** Calibrated class probabilities for logits {@code z}. */
    double[] probabilities(double[] z) {
        double[] s = z.clone();
        for (int c = 0; c < s.length; c++) {
            s[c] *= scale;
        }
        return softmax(s);
    }

    private double score(Encoded e, double[] p, int label) {
        if (valence == null) {
            return p[2] + 0.5 * p[1];
        }
        double s = (1 + Math.clamp(valence(e), -1, 1)) / 2;
        return switch (label) {
            case 0 -> Math.min(s, 0.49);
            case 2 -> Math.max(s, 0.51);
            default -> Math.clamp(s, 0.35, 0.65);
        };
    }

    /** Predicted mean human valence rating / 4 (−1…+1, unclamped); NaN without a valence head. */
    double valence(Encoded e) {
        if (valence == null || valenceDense == null) {
            return Double.NaN;
        }
        double[] v = valence.logits(e.x());
        valenceDense.addTo(e.embedding(), v);
        return v[0];
    }

    Encoded encode(String text) {
        SparseVector x = model.featuriser.features(text);
        if (embedder == null) {
            return new Encoded(text, x, null, false);
        }
        return new Encoded(text, x, embedder.embed(text), Featuriser.lowInformation(text));
    }

    /** Base logits including the decision offsets (before calibration). */
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

    ModelArtefact.Parts parts() {
        return new ModelArtefact.Parts(
                model, dense, embedder == null ? null : embedder.name(), scale, 0f, valence, valenceDense);
    }

    void write(OutputStream out) throws IOException {
        ModelArtefact.write(parts(), out);
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
