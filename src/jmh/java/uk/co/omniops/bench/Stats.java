package uk.co.omniops.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles (nearest rank) of a sample, in the unit it was recorded in. */
public record Stats(int n, double p50, double p95, double p99, double max, double mean) {

    public static Stats of(double[] values) {
        if (values.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        var v = values.clone();
        Arrays.sort(v);
        return new Stats(v.length, rank(v, 0.50), rank(v, 0.95), rank(v, 0.99), v[v.length - 1],
                Arrays.stream(v).average().orElse(Double.NaN));
    }

    static double rank(double[] sorted, double q) {
        var i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    public String format(String unit) {
        return String.format(Locale.ROOT, "n=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f mean=%.1f %s", n, p50, p95, p99, max,
                mean, unit);
    }
}
