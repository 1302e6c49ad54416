package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Three-class sentiment (negative / neutral / positive) of customer-service messages: a
 * multinomial logistic regression over hashed word and character n-grams, VADER-style lexicon
 * scores and customer-service cue features (see docs/decisions/004).
 *
 * <p>Immutable and thread-safe: share one instance. {@link #analyse} takes tens of microseconds
 * and never returns null.
 */
public final class SentimentModel {

    public static final String NEGATIVE = "negative";
    public static final String NEUTRAL = "neutral";
    public static final String POSITIVE = "positive";
    /** Classpath location of the default artefact. */
    public static final String DEFAULT_RESOURCE = "/models/sentiment-v1.bin";

    static final List<String> LABELS = List.of(NEGATIVE, NEUTRAL, POSITIVE);

    private static volatile SentimentModel defaultModel;

    private final LinearModel model;

    SentimentModel(LinearModel model) {
        if (!model.labels.equals(LABELS)) {
            throw new IllegalArgumentException("sentiment model labels must be " + LABELS);
        }
        this.model = model;
    }

    /**
     * The model shipped in {@value #DEFAULT_RESOURCE}, loaded once and cached.
     *
     * @throws UncheckedIOException if the artefact is missing or corrupt
     */
    public static SentimentModel loadDefault() {
        SentimentModel m = defaultModel;
        if (m == null) {
            synchronized (SentimentModel.class) {
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
    public static SentimentModel loadResource(String resource) {
        try (InputStream in = SentimentModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("model resource not found: " + resource));
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an artefact written by {@link ModelTrainer}; does not close the stream. */
    public static SentimentModel load(InputStream in) throws IOException {
        return new SentimentModel(LinearModel.read(in, "sentiment"));
    }

    /** Model version, e.g. {@code sentiment-v1}. */
    public String version() {
        return model.version;
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
    public SentimentResult analyse(String text, CustomerAdapter adapter) {
        SparseVector x = model.featuriser.features(text);
        double[] z = logits(x);
        if (adapter != null) {
            adapter.addSentimentLogits(x, z);
        }
        double[] p = softmax(z);
        int best = argmax(p);
        double score = p[2] + 0.5 * p[1];
        String version = adapter == null ? model.version : model.version + "+adapter";
        return new SentimentResult(score, LABELS.get(best), p[best], version);
    }

    SparseVector features(String text) {
        return model.featuriser.features(text);
    }

    /** Base logits including the decision offsets. */
    double[] logits(SparseVector x) {
        double[] z = model.logits(x);
        for (int c = 0; c < z.length; c++) {
            z[c] += model.offsets[c];
        }
        return z;
    }

    void write(java.io.OutputStream out) throws IOException {
        model.write(out);
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
