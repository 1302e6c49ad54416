package uk.co.omniops.analysis.model;

import org.jspecify.annotations.Nullable;

/**
 * Arithmetic of a per-customer linear head on the sentence embedding: weights laid out label by label ({@code labels ×
 * dimensions} floats); a missing head or embedding adds nothing (n-gram-only models, an adapter from before
 * embeddings).
 */
final class DenseHead {

    private DenseHead() {}

    static double dot(float @Nullable [] w, float @Nullable [] e, int c) {
        if (w == null || e == null || w.length < (c + 1) * e.length) {
            return 0;
        }
        double s = 0;
        int base = c * e.length;
        for (int j = 0; j < e.length; j++) {
            s += w[base + j] * e[j];
        }
        return s;
    }

    static void addDense(float @Nullable [] w, float @Nullable [] e, double[] z) {
        for (int c = 0; c < z.length; c++) {
            z[c] += dot(w, e, c);
        }
    }

    static void stepDense(float @Nullable [] w, float @Nullable [] e, int c, double r) {
        if (w == null || e == null) {
            return;
        }
        int base = c * e.length;
        for (int j = 0; j < e.length; j++) {
            w[base + j] += (float) (r * e[j]);
        }
    }
}
