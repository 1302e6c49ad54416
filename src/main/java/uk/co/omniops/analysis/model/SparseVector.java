package uk.co.omniops.analysis.model;

import java.util.Arrays;

/** Growable sparse feature vector (indices may repeat; a dot product sums them). Not thread-safe. */
final class SparseVector {

    static final byte WORD = 0;
    static final byte CHAR = 1;
    static final byte NAMED = 2;

    private int[] indices = new int[256];
    private byte[] kinds = new byte[256];
    private float[] values = new float[256];
    private int size;

    void add(int index, float value, byte kind) {
        if (size == indices.length) {
            indices = Arrays.copyOf(indices, size * 2);
            values = Arrays.copyOf(values, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
        }
        indices[size] = index;
        values[size] = value;
        kinds[size] = kind;
        size++;
    }

    byte kind(int i) {
        return kinds[i];
    }

    int size() {
        return size;
    }

    int index(int i) {
        return indices[i];
    }

    float value(int i) {
        return values[i];
    }

    /** Scales entries from {@code from} onwards to unit L2 norm, so long messages do not dominate. */
    void normalise(int from) {
        double sq = 0;
        for (int i = from; i < size; i++) {
            sq += (double) values[i] * values[i];
        }
        if (sq > 0) {
            float inv = (float) (1 / Math.sqrt(sq));
            for (int i = from; i < size; i++) {
                values[i] *= inv;
            }
        }
    }
}
