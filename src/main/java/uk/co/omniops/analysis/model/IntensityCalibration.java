package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the valence head's prediction (−1…+1) to how strongly people feel (−1…+1), so that the sentiment score
 * reads as intensity: fury, threats and abuse near 0, a calm problem report 0.35–0.45.
 *
 * <p>A regression predicts the mean rating for its input and so shrinks towards the middle: on the VADER ratings
 * the prediction spans about half the range people use. This is a monotone quantile map (the prediction's
 * quantiles onto the human ratings' quantiles on the same snippets, each VADER source weighted equally), so the
 * order of messages and the label are untouched and a score of 0.05 is as rare as a human rating of 0.05.
 * Fitted by {@link #main} from {@code src/training/data/sentiment}; see docs/decisions/004.
 *
 * <p>Immutable and thread-safe.
 */
public final class IntensityCalibration {

    /** Classpath location of the knots for {@code sentiment-v2}. */
    public static final String RESOURCE = "/models/sentiment-v2-intensity.tsv";
    private static final java.util.concurrent.ConcurrentHashMap<String, IntensityCalibration> BY_VERSION =
            new java.util.concurrent.ConcurrentHashMap<>();

    static final IntensityCalibration IDENTITY = new IntensityCalibration(new double[] {-1, 1}, new double[] {-1, 1});

    private static final double[] QUANTILES = {0, 0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3,
        0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.965, 0.98, 0.99, 0.995, 1};

    private final double[] predicted;
    private final double[] calibrated;

    IntensityCalibration(double[] predicted, double[] calibrated) {
        if (predicted.length != calibrated.length || predicted.length < 2) {
            throw new IllegalArgumentException("need at least two knots");
        }
        for (int i = 1; i < predicted.length; i++) {
            if (!(predicted[i] > predicted[i - 1]) || calibrated[i] < calibrated[i - 1]) {
                throw new IllegalArgumentException("knots must increase");
            }
        }
        this.predicted = predicted.clone();
        this.calibrated = calibrated.clone();
    }

    /** The knots shipped in {@value #RESOURCE}; the identity if there are none. */
    public static IntensityCalibration loadDefault() {
        return forVersion("sentiment-v2");
    }

    /** The knots shipped for a model version ({@code /models/<version>-intensity.tsv}); the identity if none. */
    static IntensityCalibration forVersion(String version) {
        return BY_VERSION.computeIfAbsent(version, v -> load("/models/" + v + "-intensity.tsv"));
    }

    private static IntensityCalibration load(String resource) {
        try (InputStream in = IntensityCalibration.class.getResourceAsStream(resource)) {
            return in == null ? IDENTITY : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IntensityCalibration parse(String tsv) {
        List<double[]> knots = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.trim().split("\t");
            knots.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
        }
        return new IntensityCalibration(knots.stream().mapToDouble(k -> k[0]).toArray(),
                knots.stream().mapToDouble(k -> k[1]).toArray());
    }

    /** Calibrated valence for a predicted one, linear between knots and flat beyond the outer ones. */
    public double apply(double v) {
        if (Double.isNaN(v)) {
            return v;
        }
        if (v <= predicted[0]) {
            return calibrated[0];
        }
        int n = predicted.length;
        if (v >= predicted[n - 1]) {
            return calibrated[n - 1];
        }
        int i = Arrays.binarySearch(predicted, v);
        if (i >= 0) {
            return calibrated[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (v - predicted[lo]) / (predicted[hi] - predicted[lo]);
        return calibrated[lo] + t * (calibrated[hi] - calibrated[lo]);
    }

    String toTsv() {
        StringBuilder b = new StringBuilder("# predicted valence\tcalibrated valence (−1…+1), fitted by IntensityCalibration\n");
        for (int i = 0; i < predicted.length; i++) {
            b.append(String.format(Locale.ROOT, "%.4f\t%.4f%n", predicted[i], calibrated[i]));
        }
        return b.toString();
    }

    /** Quantile map from {@code (prediction, rating, weight)} triples. */
    static IntensityCalibration fit(double[] prediction, double[] rating, double[] weight) {
        double[] qp = quantiles(prediction, weight);
        double[] qr = quantiles(rating, weight);
        List<Double> p = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < qp.length; i++) {
            if (!p.isEmpty() && qp[i] <= p.getLast() + 1e-4) {
                continue;
            }
            p.add(qp[i]);
            r.add(Math.max(qr[i], r.isEmpty() ? -1 : r.getLast()));
        }
        return new IntensityCalibration(p.stream().mapToDouble(Double::doubleValue).toArray(),
                r.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] quantiles(double[] values, double[] weight) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double total = Arrays.stream(weight).sum();
        double[] out = new double[QUANTILES.length];
        double cumulative = 0;
        int q = 0;
        for (int k = 0; k < order.length && q < QUANTILES.length; k++) {
            cumulative += weight[order[k]];
            while (q < QUANTILES.length && cumulative >= QUANTILES[q] * total) {
                out[q++] = values[order[k]];
            }
        }
        while (q < QUANTILES.length) {
            out[q++] = values[order[order.length - 1]];
        }
        return out;
    }

    /**
     * Fits the knots for the shipped {@code sentiment-v2} on the VADER ratings and writes them:
     * {@code IntensityCalibration [src/training/data [src/main/resources/models]]}. Prints the reliability of the
     * score before and after (Pearson r, mean absolute error, mean human rating per decile of the score).
     */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "src/training/data");
        Path out = Path.of(args.length > 1 ? args[1] : "src/main/resources/models");
        SentimentModel model = SentimentModel.loadDefault();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("tweets", "tweets");
        files.put("amazon", "amazonReviewSnippets");
        files.put("nyt", "nytEditorialSnippets");
        files.put("movie", "movieReviewSnippets");
        List<double[]> rows = new ArrayList<>();
        for (var f : files.entrySet()) {
            List<String> lines = Files.readAllLines(data.resolve("sentiment/" + f.getValue() + "_GroundTruth.txt"),
                    StandardCharsets.ISO_8859_1);
            double w = 1.0 / lines.size();
            for (String line : lines) {
                String[] parts = line.split("\t", 3);
                if (parts.length < 3) {
                    continue;
                }
                double v = model.valence(model.encode(parts[2].trim()));
                rows.add(new double[] {v, Double.parseDouble(parts[1].trim()) / 4, w});
            }
            System.out.println("encoded " + f.getKey() + " (" + lines.size() + ")");
        }
        double[] p = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] h = rows.stream().mapToDouble(r -> r[1]).toArray();
        double[] w = rows.stream().mapToDouble(r -> r[2]).toArray();
        IntensityCalibration c = fit(p, h, w);
        Files.writeString(out.resolve("sentiment-v2-intensity.tsv"), c.toTsv());
        report("regression alone", p, h, w, IDENTITY);
        report("with the intensity map", p, h, w, c);
    }

    private static void report(String title, double[] p, double[] h, double[] w, IntensityCalibration c) {
        int n = p.length;
        double[] s = new double[n];
        double[] hs = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = (1 + Math.clamp(c.apply(p[i]), -1, 1)) / 2;
            hs[i] = (1 + h[i]) / 2;
        }
        double ms = 0;
        double mh = 0;
        double tw = 0;
        double mae = 0;
        for (int i = 0; i < n; i++) {
            ms += w[i] * s[i];
            mh += w[i] * hs[i];
            tw += w[i];
            mae += w[i] * Math.abs(s[i] - hs[i]);
        }
        ms /= tw;
        mh /= tw;
        double cov = 0;
        double vs = 0;
        double vh = 0;
        for (int i = 0; i < n; i++) {
            cov += w[i] * (s[i] - ms) * (hs[i] - mh);
            vs += w[i] * (s[i] - ms) * (s[i] - ms);
            vh += w[i] * (hs[i] - mh) * (hs[i] - mh);
        }
        System.out.printf(Locale.ROOT, "%n%s: Pearson r %.3f, mean absolute error %.3f, sd score %.3f, sd rating %.3f%n",
                title, cov / Math.sqrt(vs * vh), mae / tw, Math.sqrt(vs / tw), Math.sqrt(vh / tw));
        System.out.println("| score | n | mean score | mean human rating |");
        for (int d = 0; d < 10; d++) {
            int count = 0;
            double sum = 0;
            double sumH = 0;
            for (int i = 0; i < n; i++) {
                if (Math.min((int) (s[i] * 10), 9) == d) {
                    count++;
                    sum += s[i];
                    sumH += hs[i];
                }
            }
            if (count > 0) {
                System.out.printf(Locale.ROOT, "| %.1f–%.1f | %,d | %.3f | %.3f |%n", d / 10.0, (d + 1) / 10.0, count,
                        sum / count, sumH / count);
            }
        }
    }
}
