package uk.co.omniops.analysis.internal;

import java.nio.ByteBuffer;
import java.util.Collection;
import uk.co.omniops.analysis.Vectors;

/**
 * How {@code message_embeddings.vector} keeps a sentence vector: one float scale (big-endian) and one signed byte per
 * dimension, {@code v[i] ≈ scale · byte[i]}. The encoder's vectors are L2-normalised, so a byte per dimension loses
 * ~0.3 % of a cosine (measured in {@code EmbeddingCodecTests}) at a quarter of float32's size.
 */
final class EmbeddingCodec {

    static final int DIMENSIONS = 384;
    static final int BYTES = 4 + DIMENSIONS;

    private EmbeddingCodec() {}

    static byte[] encode(float[] v) {
        if (v.length != DIMENSIONS) {
            throw new IllegalArgumentException("expected " + DIMENSIONS + " dimensions, got " + v.length);
        }
        float max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max == 0 ? 1f : max / 127f;
        var out = ByteBuffer.allocate(BYTES).putFloat(scale);
        for (float x : v) {
            out.put((byte) Math.round(x / scale));
        }
        return out.array();
    }

    static float[] decode(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("expected " + BYTES + " bytes, got " + bytes.length);
        }
        var in = ByteBuffer.wrap(bytes);
        float scale = in.getFloat();
        var v = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = in.get() * scale;
        }
        return v;
    }

    /** The mean of the vectors, L2-normalised (a conversation's vector); null for none. */
    static float @org.jspecify.annotations.Nullable [] meanDirection(Collection<float[]> vectors) {
        if (vectors.isEmpty()) {
            return null;
        }
        var mean = new float[DIMENSIONS];
        for (var v : vectors) {
            for (int i = 0; i < DIMENSIONS; i++) {
                mean[i] += v[i];
            }
        }
        return Vectors.normalised(mean);
    }

    /** {@code dot(a, decode(encoded))} without decoding (the index scan: no allocation per row). */
    static double dot(float[] a, byte[] encoded) {
        var in = ByteBuffer.wrap(encoded);
        float scale = in.getFloat();
        double sum = 0;
        for (int i = 0; i < DIMENSIONS; i++) {
            sum += a[i] * encoded[4 + i];
        }
        return sum * scale;
    }
}
