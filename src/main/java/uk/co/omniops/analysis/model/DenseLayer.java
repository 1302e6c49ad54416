package uk.co.omniops.analysis.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Weights from a dense input vector (a sentence embedding) to {@code k} outputs, label-major
 * ({@code w[label * dims + j]}). Immutable after construction and thread-safe.
 */
final class DenseLayer {

    final int k;
    final int dims;
    private final float[] weights;

    DenseLayer(int k, int dims, float[] weights) {
        if (weights.length != k * dims) {
            throw new IllegalArgumentException("expected " + k * dims + " dense weights, got " + weights.length);
        }
        this.k = k;
        this.dims = dims;
        this.weights = weights;
    }

    /** Adds {@code W·e} to {@code z}. */
    void addTo(float[] e, double[] z) {
        if (e.length != dims) {
            throw new IllegalArgumentException("embedding has " + e.length + " dimensions, layer expects " + dims);
        }
        for (int c = 0; c < k; c++) {
            double s = 0;
            int base = c * dims;
            for (int j = 0; j < dims; j++) {
                s += weights[base + j] * e[j];
            }
            z[c] += s;
        }
    }

    void write(DataOutputStream d) throws IOException {
        d.writeInt(k);
        d.writeInt(dims);
        for (float w : weights) {
            d.writeFloat(w);
        }
    }

    static DenseLayer read(DataInputStream d) throws IOException {
        int k = d.readInt();
        int dims = d.readInt();
        if (k <= 0 || k > 64 || dims <= 0 || dims > 4096) {
            throw new IOException("bad dense layer shape " + k + "×" + dims);
        }
        float[] w = new float[k * dims];
        for (int i = 0; i < w.length; i++) {
            w[i] = d.readFloat();
        }
        return new DenseLayer(k, dims, w);
    }
}
