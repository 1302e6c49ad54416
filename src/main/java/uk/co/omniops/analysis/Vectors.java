package uk.co.omniops.analysis;

/**
 * The arithmetic of sentence vectors that the modules reading them share (similar conversations, suggestions by
 * meaning, insight topics): unit length and dot product, which is the cosine for unit vectors.
 */
public final class Vectors {

    private Vectors() {}

    /** {@code v} scaled to length 1 (all zeros stays all zeros). */
    public static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        var out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }

    /** The dot product; the cosine of two unit vectors. */
    public static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
