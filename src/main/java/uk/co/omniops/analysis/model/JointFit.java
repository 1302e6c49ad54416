package uk.co.omniops.analysis.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.model.TrainingData.Sample;

/**
 * The joint fit of {@link HybridTrainer}: AdaGrad SGD over the sparse n-gram features and (optionally) the sentence
 * embedding, jointly, in a seeded shuffle. SOFTMAX: one label; SIGMOID: one-vs-rest per label, rare labels' positives
 * up-weighted; SQUARED: regression on {@link Sample#valence}. One instance holds the weights and AdaGrad's sums of
 * one fit.
 */
final class JointFit {

    private static final long SEED = 20261207L;

    enum Loss {
        SOFTMAX,
        SIGMOID,
        SQUARED
    }

    /** Trained weights: sparse feature-major (dims × k) and dense label-major (k × d, null without embedding). */
    record Weights(float[] sparse, float @Nullable [] dense) {}

    private final int k;
    private final Loss loss;
    private final double rate;
    private final float scale;
    private final int d;
    private final double[] positiveWeight;
    private final double[] w;
    private final double[] g2;
    private final double[] wd;
    private final double[] gd2;
    private final double[] z;
    private final double[] grad;

    private JointFit(
            List<Sample> samples, @Nullable TrainingVectors vectors, float scale, int k, Loss loss, double rate) {
        this.k = k;
        this.loss = loss;
        this.rate = rate;
        this.scale = scale;
        this.positiveWeight = positiveWeights(samples, k, loss);
        int dims = TextFeatures.DIMENSIONS;
        this.w = new double[dims * k];
        this.g2 = new double[dims * k];
        this.d = vectors == null ? 0 : vectors.get(samples.get(0).text()).length;
        this.wd = new double[k * d];
        this.gd2 = new double[k * d];
        this.z = new double[k];
        this.grad = new double[k];
    }

    static Weights fit(
            List<Sample> samples,
            Featuriser f,
            @Nullable TrainingVectors vectors,
            float scale,
            int k,
            Loss loss,
            int epochs,
            double rate) {
        List<SparseVector> xs = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            xs.add(f.features(s.text()));
        }
        JointFit fit = new JointFit(samples, vectors, scale, k, loss, rate);
        int[] order = new int[samples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(SEED);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int idx : order) {
                Sample s = samples.get(idx);
                fit.step(s, xs.get(idx), vectors == null ? null : vectors.get(s.text()));
            }
        }
        return fit.weights(vectors != null);
    }

    /** SIGMOID: each label's positives weigh √(most frequent label's weight ÷ its weight), at most 4; else 1. */
    private static double[] positiveWeights(List<Sample> samples, int k, Loss loss) {
        double[] positiveWeight = new double[k];
        Arrays.fill(positiveWeight, 1);
        if (loss == Loss.SIGMOID) {
            double[] count = new double[k];
            for (Sample s : samples) {
                for (int l : s.labels()) {
                    count[l] += s.weight();
                }
            }
            double max = Arrays.stream(count).max().orElse(1);
            for (int c = 0; c < k; c++) {
                positiveWeight[c] = count[c] == 0 ? 1 : Math.min(4, Math.sqrt(max / count[c]));
            }
        }
        return positiveWeight;
    }

    /** One sample: logits, the loss's gradient, then AdaGrad updates of the sparse and dense weights. */
    private void step(Sample s, SparseVector x, float @Nullable [] e) {
        Arrays.fill(z, 0);
        for (int i = 0; i < x.size(); i++) {
            int base = x.index(i) * k;
            for (int c = 0; c < k; c++) {
                z[c] += w[base + c] * x.value(i);
            }
        }
        if (e != null) {
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += wd[c * d + j] * e[j] * scale;
                }
                z[c] += sum;
            }
        }
        gradient(s);
        for (int i = 0; i < x.size(); i++) {
            int base = x.index(i) * k;
            double v = x.value(i);
            for (int c = 0; c < k; c++) {
                double g = grad[c] * v;
                if (g != 0) {
                    g2[base + c] += g * g;
                    w[base + c] -= rate * g / Math.sqrt(g2[base + c] + 1e-8);
                }
            }
        }
        if (e != null) {
            for (int c = 0; c < k; c++) {
                if (grad[c] == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    double g = grad[c] * e[j] * scale;
                    gd2[c * d + j] += g * g;
                    wd[c * d + j] -= rate * g / Math.sqrt(gd2[c * d + j] + 1e-8);
                }
            }
        }
    }

    private void gradient(Sample s) {
        switch (loss) {
            case SOFTMAX -> {
                double[] p = SentimentModel.softmax(z);
                for (int c = 0; c < k; c++) {
                    grad[c] = (p[c] - (c == s.labels()[0] ? 1 : 0)) * s.weight();
                }
            }
            case SIGMOID -> {
                for (int c = 0; c < k; c++) {
                    boolean y = contains(s.labels(), c);
                    grad[c] = (CategoryModel.sigmoid(z[c]) - (y ? 1 : 0)) * s.weight() * (y ? positiveWeight[c] : 1);
                }
            }
            case SQUARED -> grad[0] = Double.isNaN(s.valence()) ? 0 : (z[0] - s.valence()) * s.weight();
        }
    }

    /** The weights as floats, the dense ones with {@link #scale} folded in. */
    private Weights weights(boolean dense) {
        float[] sparse = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            sparse[i] = (float) w[i];
        }
        float[] out = null;
        if (dense) {
            out = new float[wd.length];
            for (int i = 0; i < wd.length; i++) {
                out[i] = (float) (wd[i] * scale);
            }
        }
        return new Weights(sparse, out);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
