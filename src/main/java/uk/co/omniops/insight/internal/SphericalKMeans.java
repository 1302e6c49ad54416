package uk.co.omniops.insight.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.Vectors;

/**
 * The clustering {@link SemanticTopics} labels: the sampled messages with their sentence vectors, spherical k-means
 * (cosine) with k-means++ seeding and a fixed seed, and the assignment of messages to the nearest centroid (none when
 * it is too far). Pure.
 */
final class SphericalKMeans {

    private SphericalKMeans() {}

    record Vec(TopicExtractor.Text text, float[] v) {}

    static List<Vec> withVectors(List<TopicExtractor.Text> texts, Function<UUID, float @Nullable []> vectors) {
        var out = new ArrayList<Vec>(texts.size());
        for (var t : texts) {
            var v = vectors.apply(t.messageId());
            if (v != null) {
                out.add(new Vec(t, v));
            }
        }
        return out;
    }

    /** Spherical k-means (cosine), k-means++ seeding with a fixed seed. */
    static float[][] kMeans(List<Vec> points, int k) {
        var random = new Random(20);
        int dims = points.getFirst().v().length;
        var centroids = new float[k][];
        centroids[0] = points.get(random.nextInt(points.size())).v().clone();
        var nearest = new double[points.size()];
        Arrays.fill(nearest, Double.MAX_VALUE);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < points.size(); i++) {
                double d = Math.max(0, 1 - Vectors.dot(points.get(i).v(), centroids[c - 1]));
                nearest[i] = Math.min(nearest[i], d * d);
                total += nearest[i];
            }
            double r = random.nextDouble() * total;
            int pick = points.size() - 1;
            for (int i = 0; i < points.size(); i++) {
                r -= nearest[i];
                if (r <= 0) {
                    pick = i;
                    break;
                }
            }
            centroids[c] = points.get(pick).v().clone();
        }
        int[] assignment = new int[points.size()];
        for (int iteration = 0; iteration < SemanticTopics.ITERATIONS; iteration++) {
            for (int i = 0; i < points.size(); i++) {
                assignment[i] = nearest(points.get(i).v(), centroids);
            }
            var sums = new float[k][dims];
            var counts = new int[k];
            for (int i = 0; i < points.size(); i++) {
                var v = points.get(i).v();
                var s = sums[assignment[i]];
                for (int d = 0; d < dims; d++) {
                    s[d] += v[d];
                }
                counts[assignment[i]]++;
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    centroids[c] = Vectors.normalised(sums[c]);
                }
            }
        }
        return centroids;
    }

    static int[] assign(List<Vec> points, float[][] centroids) {
        int[] out = new int[points.size()];
        for (int i = 0; i < points.size(); i++) {
            int c = nearest(points.get(i).v(), centroids);
            out[i] = Vectors.dot(points.get(i).v(), centroids[c]) >= SemanticTopics.MIN_COSINE ? c : -1;
        }
        return out;
    }

    private static int nearest(float[] v, float[][] centroids) {
        int best = 0;
        double bestDot = -2;
        for (int c = 0; c < centroids.length; c++) {
            double d = Vectors.dot(v, centroids[c]);
            if (d > bestDot) {
                bestDot = d;
                best = c;
            }
        }
        return best;
    }
}
