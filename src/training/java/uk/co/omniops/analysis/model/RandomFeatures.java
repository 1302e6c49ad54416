package uk.co.omniops.analysis.model;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A cheap test of whether a non-linear head on the sentence embedding would beat the linear one (decision record 004,
 * session 33; not part of the product): the vector e becomes [e, relu(R·e + b) / √n] with a fixed Gaussian R (n × d)
 * and b, so the linear fit on top is a one-hidden-layer network whose first layer is random (random ReLU features).
 */
final class RandomFeatures implements TextEmbedder {

    private final TextEmbedder inner;
    private final int n;
    private final float[][] r;
    private final float[] b;

    RandomFeatures(TextEmbedder inner, int n) {
        this.inner = inner;
        this.n = n;
        Random random = new Random(20261207L);
        int d = inner.dimensions();
        this.r = new float[n][d];
        this.b = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                r[i][j] = (float) (random.nextGaussian() / Math.sqrt(d) * 4);
            }
            b[i] = (float) (random.nextGaussian() * 0.5);
        }
    }

    /** The cached vectors, expanded in place. */
    void expand(Map<String, float[]> byText) {
        byText.replaceAll((t, e) -> expand(e));
    }

    float[] expand(float[] e) {
        int d = e.length;
        float[] out = new float[d + n];
        System.arraycopy(e, 0, out, 0, d);
        float norm = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < n; i++) {
            float s = b[i];
            float[] ri = r[i];
            for (int j = 0; j < d; j++) {
                s += ri[j] * e[j];
            }
            out[d + i] = Math.max(0, s) * norm;
        }
        return out;
    }

    @Override
    public String name() {
        return inner.name() + "+relu" + n;
    }

    @Override
    public int dimensions() {
        return inner.dimensions() + n;
    }

    @Override
    public float[] embed(String text) {
        return expand(inner.embed(text));
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return inner.embedAll(texts).stream().map(this::expand).toList();
    }
}
