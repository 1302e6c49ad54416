package uk.co.omniops.analysis.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One customer's online adaptation of the shared base models, learnt from agents' corrections.
 *
 * <p>It adds to the base model's logits (1) a sparse weight vector over the word uni/bi-gram
 * features of {@link TextFeatures} (character n-grams are left out to keep it small), one weight
 * per (feature, label), and (2) with a model that uses sentence embeddings, a per-customer linear
 * head on the sentence embedding (labels × 384 floats, the mean pooling even where the model reads mean + max:
 * {@link Encoded#adapterEmbedding()}), which carries a correction over to messages that
 * mean the same in other words ({@link #DEFAULT_MODE}; see docs/decisions/004). A correction
 * takes logistic-loss gradient steps with the learning rate until the corrected answer wins on the
 * corrected text (at most {@value #MAX_STEPS} steps, microseconds), so analysing the same or a
 * near-identical message again reflects it.
 *
 * <p>Each customer has its own instance; nothing is shared between instances, so corrections
 * cannot leak between customers. Instances are thread-safe (all methods synchronise on the
 * instance). Serialise with {@link #toBytes()} (a few bytes per learnt weight) and restore with
 * {@link #fromBytes(byte[])}.
 *
 * <p>It also keeps prequential (predict-then-learn) accuracy over its correction stream: before
 * learning each correction it checks whether the adapted model already agreed with the agent.
 */
public final class CustomerAdapter {

    /** Default learning rate of a correction step. */
    public static final double DEFAULT_LEARNING_RATE = 0.5;

    static final int MAX_STEPS = 30;
    /** Per-customer weights over the word n-grams of corrected messages. */
    public static final int SPARSE = 1;
    /** A per-customer linear head over the sentence embedding (models with embeddings only). */
    public static final int DENSE = 2;
    /** What a new adapter learns; chosen by measurement (docs/decisions/004, adaptation). */
    public static final int DEFAULT_MODE = SPARSE | DENSE;

    private static final int MAGIC_V1 = 0x4F434131; // "OCA1"
    private static final int MAGIC = 0x4F434132; // "OCA2"
    private static final int CLASS_BITS = 4;
    private static final double TARGET = 0.65;
    private static final double REMOVE_TARGET = 0.15;

    private final double learningRate;
    private final int mode;
    private final FloatMap sentiment;
    private final FloatMap categories;
    private float @Nullable [] sentimentDense;
    private float @Nullable [] categoryDense;
    private long sentimentSeen;
    private long sentimentAgreed;
    private long categorySeen;
    private long categoryAgreed;

    /** An empty adapter with {@link #DEFAULT_LEARNING_RATE}. */
    public CustomerAdapter() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** An empty adapter; {@code learningRate} must be positive. */
    public CustomerAdapter(double learningRate) {
        this(learningRate, DEFAULT_MODE);
    }

    /**
     * An empty adapter learning what {@code mode} says ({@link #SPARSE}, {@link #DENSE} or both);
     * {@code learningRate} must be positive.
     */
    public CustomerAdapter(double learningRate, int mode) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive");
        }
        if (mode <= 0 || mode > (SPARSE | DENSE)) {
            throw new IllegalArgumentException("mode must be SPARSE, DENSE or both");
        }
        this.learningRate = learningRate;
        this.mode = mode;
        this.sentiment = new FloatMap();
        this.categories = new FloatMap();
    }

    /**
     * An agent set the sentiment of {@code text} to {@code label}.
     *
     * @return whether the adapted model already predicted {@code label} before learning
     * @throws IllegalArgumentException if label is not negative, neutral or positive
     */
    public synchronized boolean correctSentiment(SentimentModel model, String text, String label) {
        int y = SentimentModel.LABELS.indexOf(label);
        if (y < 0) {
            throw new IllegalArgumentException("unknown sentiment label: " + label);
        }
        Encoded e = model.encode(text);
        int[] f = adapterFeatures(e.words());
        float v = value(f);
        double[] base = model.logits(e);
        float[] emb = (mode & DENSE) != 0 ? e.adapterEmbedding() : null;
        if (emb != null && sentimentDense == null) {
            sentimentDense = new float[SentimentModel.LABELS.size() * emb.length];
        }
        boolean agreed = false;
        for (int step = 0; step <= MAX_STEPS; step++) {
            double[] z = base.clone();
            addLogits(sentiment, f, v, z);
            DenseHead.addDense(sentimentDense, emb, z);
            double[] p = SentimentModel.softmax(z);
            if (step == 0) {
                agreed = SentimentModel.argmax(p) == y;
            }
            if (SentimentModel.argmax(p) == y && p[y] >= TARGET) {
                break;
            }
            for (int c = 0; c < p.length; c++) {
                double r = learningRate * ((c == y ? 1 : 0) - p[c]);
                if ((mode & SPARSE) != 0) {
                    float g = (float) (r * v);
                    for (int feature : f) {
                        sentiment.add(key(feature, c), g);
                    }
                }
                DenseHead.stepDense(sentimentDense, emb, c, r);
            }
        }
        sentimentSeen++;
        if (agreed) {
            sentimentAgreed++;
        }
        return agreed;
    }

    /**
     * An agent added and/or removed categories of {@code text}. Unknown keys are ignored.
     *
     * @return whether, before learning, the adapted model's {@link CategoryModel#classify} output
     *         already contained every added and none of the removed categories
     */
    public synchronized boolean correctCategories(
            CategoryModel model, String text, Set<String> added, Set<String> removed) {
        Encoded e = model.encode(text);
        int[] f = adapterFeatures(e.words());
        float v = value(f);
        double[] base = model.logits(e);
        float[] emb = (mode & DENSE) != 0 ? e.adapterEmbedding() : null;
        if (emb != null && categoryDense == null) {
            categoryDense = new float[model.keys().size() * emb.length];
        }
        boolean agreed = true;
        {
            double[] z = base.clone();
            addLogits(categories, f, v, z);
            DenseHead.addDense(categoryDense, emb, z);
            java.util.List<CategoryScore> ranked = new java.util.ArrayList<>();
            for (int c = 0; c < z.length; c++) {
                ranked.add(new CategoryScore(model.keys().get(c), model.confidence(z[c])));
            }
            ranked.sort(java.util.Comparator.comparingDouble(CategoryScore::confidence)
                    .reversed());
            Set<String> predicted = new java.util.HashSet<>();
            for (CategoryScore s : CategoryModel.select(ranked)) {
                predicted.add(s.key());
            }
            for (String a : added) {
                agreed &= predicted.contains(a) || model.indexOf(a) < 0;
            }
            for (String r : removed) {
                agreed &= !predicted.contains(r);
            }
        }
        for (String a : added) {
            learnCategory(model, model.indexOf(a), true, base, f, v, emb);
        }
        for (String r : removed) {
            learnCategory(model, model.indexOf(r), false, base, f, v, emb);
        }
        categorySeen++;
        if (agreed) {
            categoryAgreed++;
        }
        return agreed;
    }

    private void learnCategory(
            CategoryModel model, int c, boolean positive, double[] base, int[] f, float v, float @Nullable [] emb) {
        if (c < 0) {
            return;
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            double z = base[c];
            for (int feature : f) {
                z += categories.get(key(feature, c)) * v;
            }
            z += DenseHead.dot(categoryDense, emb, c);
            double p = model.confidence(z);
            if (positive ? p >= TARGET : p <= REMOVE_TARGET) {
                return;
            }
            double r = learningRate * ((positive ? 1 : 0) - p);
            if ((mode & SPARSE) != 0) {
                float g = (float) (r * v);
                for (int feature : f) {
                    categories.add(key(feature, c), g);
                }
            }
            DenseHead.stepDense(categoryDense, emb, c, r);
        }
    }

    /** Fraction of sentiment corrections the adapted model already agreed with (NaN if none). */
    public synchronized double sentimentPrequentialAccuracy() {
        return sentimentSeen == 0 ? Double.NaN : (double) sentimentAgreed / sentimentSeen;
    }

    /** Fraction of category corrections the adapted model already agreed with (NaN if none). */
    public synchronized double categoryPrequentialAccuracy() {
        return categorySeen == 0 ? Double.NaN : (double) categoryAgreed / categorySeen;
    }

    /** Number of sentiment corrections learnt so far (the n behind {@link #sentimentPrequentialAccuracy()}). */
    public synchronized long sentimentCorrections() {
        return sentimentSeen;
    }

    /** Number of category corrections learnt so far (the n behind {@link #categoryPrequentialAccuracy()}). */
    public synchronized long categoryCorrections() {
        return categorySeen;
    }

    /** Number of sentiment and category corrections learnt so far. */
    public synchronized long corrections() {
        return sentimentSeen + categorySeen;
    }

    /** Number of non-zero weights (a proxy for the serialised size). */
    public synchronized int weights() {
        return sentiment.size()
                + categories.size()
                + (sentimentDense == null ? 0 : sentimentDense.length)
                + (categoryDense == null ? 0 : categoryDense.length);
    }

    synchronized void addSentimentLogits(Encoded e, double[] z) {
        if (sentiment.size() > 0) {
            int[] f = adapterFeatures(e.words());
            addLogits(sentiment, f, value(f), z);
        }
        DenseHead.addDense(sentimentDense, e.adapterEmbedding(), z);
    }

    synchronized void addCategoryLogits(Encoded e, double[] z) {
        if (categories.size() > 0) {
            int[] f = adapterFeatures(e.words());
            addLogits(categories, f, value(f), z);
        }
        DenseHead.addDense(categoryDense, e.adapterEmbedding(), z);
    }

    private static void addLogits(FloatMap w, int[] f, float v, double[] z) {
        for (int c = 0; c < z.length; c++) {
            double s = 0;
            for (int feature : f) {
                s += w.get(key(feature, c));
            }
            z[c] += s * v;
        }
    }

    /** Distinct word-level feature indices of x. */
    private static int[] adapterFeatures(SparseVector x) {
        int[] f = new int[x.size()];
        int n = 0;
        for (int i = 0; i < x.size(); i++) {
            if (x.kind(i) == SparseVector.WORD) {
                f[n++] = x.index(i);
            }
        }
        int[] sorted = Arrays.copyOf(f, n);
        Arrays.sort(sorted);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[m++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, m);
    }

    private static float value(int[] f) {
        return f.length == 0 ? 0f : (float) (1 / Math.sqrt(f.length));
    }

    private static int key(int feature, int label) {
        return (feature << CLASS_BITS) | label;
    }

    /** Serialises the adapter (weights, learning rate and prequential counters). */
    public synchronized byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.writeInt(MAGIC);
            d.writeDouble(learningRate);
            d.writeInt(mode);
            d.writeLong(sentimentSeen);
            d.writeLong(sentimentAgreed);
            d.writeLong(categorySeen);
            d.writeLong(categoryAgreed);
            sentiment.write(d);
            categories.write(d);
            writeDense(d, sentimentDense);
            writeDense(d, categoryDense);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores an adapter written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not an adapter
     */
    public static CustomerAdapter fromBytes(byte[] bytes) {
        try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int magic = d.readInt();
            if (magic != MAGIC && magic != MAGIC_V1) {
                throw new IllegalArgumentException("not a customer adapter");
            }
            double rate = d.readDouble();
            // adapters saved before the embedding head learnt word weights only
            CustomerAdapter a = new CustomerAdapter(rate, magic == MAGIC ? d.readInt() : SPARSE);
            a.sentimentSeen = d.readLong();
            a.sentimentAgreed = d.readLong();
            a.categorySeen = d.readLong();
            a.categoryAgreed = d.readLong();
            a.sentiment.read(d);
            a.categories.read(d);
            if (magic == MAGIC) {
                a.sentimentDense = readDense(d);
                a.categoryDense = readDense(d);
            }
            return a;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt customer adapter", e);
        }
    }

    private static void writeDense(DataOutputStream d, float @Nullable [] w) throws IOException {
        d.writeInt(w == null ? 0 : w.length);
        if (w != null) {
            for (float x : w) {
                d.writeFloat(x);
            }
        }
    }

    private static float @Nullable [] readDense(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > (1 << 20)) {
            throw new IOException("bad dense head size " + n);
        }
        if (n == 0) {
            return null;
        }
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = d.readFloat();
        }
        return w;
    }
}
