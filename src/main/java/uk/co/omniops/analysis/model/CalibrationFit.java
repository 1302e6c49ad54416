package uk.co.omniops.analysis.model;

import java.util.List;
import java.util.Locale;
import uk.co.omniops.analysis.model.Comparison.Scored;

/**
 * Calibration of the chosen recipes on the pooled held-out-source predictions (each held-out source weighted
 * equally) and its reliability per decile, for {@link Comparison}.
 */
final class CalibrationFit {

    private CalibrationFit() {}

    /** Logit scale minimising the held-out log loss, each held-out source weighted equally. */
    static float fitSoftmaxScale(List<List<Scored>> folds, float offset) {
        double bestScale = 1;
        double best = Double.MAX_VALUE;
        for (double a = 0.2; a <= 3.0001; a += 0.05) {
            double loss = 0;
            for (List<Scored> fold : folds) {
                double l = 0;
                for (Scored s : fold) {
                    double[] z = s.z().clone();
                    z[0] += offset;
                    for (int c = 0; c < 3; c++) {
                        z[c] *= a;
                    }
                    l -= Math.log(
                            Math.max(1e-12, SentimentModel.softmax(z)[s.sample().labels()[0]]));
                }
                loss += l / fold.size();
            }
            if (loss < best) {
                best = loss;
                bestScale = a;
            }
        }
        return (float) (Math.round(bestScale * 100) / 100.0);
    }

    static void sentimentReliability(List<List<Scored>> folds, float offset, float scale) {
        System.out.println();
        System.out.println("| confidence decile | n | mean confidence | accuracy |");
        System.out.println("|---|---|---|---|");
        double[] n = new double[10];
        double[] conf = new double[10];
        double[] hit = new double[10];
        for (List<Scored> fold : folds) {
            for (Scored s : fold) {
                double[] z = s.z().clone();
                z[0] += offset;
                for (int c = 0; c < 3; c++) {
                    z[c] *= scale;
                }
                double[] p = SentimentModel.softmax(z);
                int best = SentimentModel.argmax(p);
                int bin = Math.min(9, (int) (p[best] * 10));
                n[bin]++;
                conf[bin] += p[best];
                hit[bin] += best == s.sample().labels()[0] ? 1 : 0;
            }
        }
        printBins(n, conf, hit);
    }

    static void valenceReliability(List<List<Scored>> folds) {
        System.out.println();
        System.out.println(
                "valence (score) on held-out VADER sources: predicted score decile vs mean human rating rescaled to 0–1");
        System.out.println("| score decile | n | mean score | mean human rating (0–1) |");
        System.out.println("|---|---|---|---|");
        double[] n = new double[10];
        double[] pred = new double[10];
        double[] gold = new double[10];
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        double abs = 0;
        int m = 0;
        for (List<Scored> fold : folds) {
            for (Scored s : fold) {
                if (s.sample().source().equals("support") || Double.isNaN(s.valence())) {
                    continue;
                }
                double x = (1 + Math.clamp(s.valence(), -1, 1)) / 2;
                double y = (1 + s.sample().valence()) / 2;
                int bin = Math.min(9, (int) (x * 10));
                n[bin]++;
                pred[bin] += x;
                gold[bin] += y;
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
                abs += Math.abs(x - y);
                m++;
            }
        }
        printBins(n, pred, gold);
        double r = (m * sxy - sx * sy) / Math.sqrt((m * sxx - sx * sx) * (m * syy - sy * sy));
        System.out.printf(
                Locale.ROOT, "valence: n %d, Pearson r %.3f, mean absolute error %.3f (0–1 scale)%n", m, r, abs / m);
    }

    private static void printBins(double[] n, double[] a, double[] b) {
        for (int i = 0; i < 10; i++) {
            if (n[i] > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "| %.1f–%.1f | %.0f | %.3f | %.3f |%n",
                        i / 10.0,
                        (i + 1) / 10.0,
                        n[i],
                        a[i] / n[i],
                        b[i] / n[i]);
            }
        }
    }

    /**
     * Platt scaling HeldOutMetrics.sigmoid(a·z + b) over every (message, category) pair, held-out sources weighted
     * equally: Newton's method on the (convex) log loss.
     */
    static float[] fitSigmoid(List<List<Scored>> folds) {
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 25; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-6;
            double hab = 0;
            double hbb = 1e-6;
            for (List<Scored> fold : folds) {
                double w = 1.0 / fold.size();
                for (Scored s : fold) {
                    for (int c = 0; c < s.z().length; c++) {
                        double z = s.z()[c];
                        double y = HeldOutMetrics.contains(s.sample().labels(), c) ? 1 : 0;
                        double p = CategoryModel.sigmoid(a * z + b);
                        double h = w * p * (1 - p);
                        ga += w * (p - y) * z;
                        gb += w * (p - y);
                        haa += h * z * z;
                        hab += h * z;
                        hbb += h;
                    }
                }
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            // damped: a full Newton step can overshoot far from the optimum
            double step = Math.min(1, 1 / Math.max(Math.abs(da), Math.abs(db)));
            a -= step * da;
            b -= step * db;
            if (Math.abs(da) + Math.abs(db) < 1e-6) {
                break;
            }
        }
        return new float[] {(float) (Math.round(a * 100) / 100.0), (float) (Math.round(b * 100) / 100.0)};
    }

    static void categoryReliability(List<List<Scored>> folds, float[] cal) {
        System.out.println();
        System.out.println("| confidence decile (every message × category) | n | mean confidence | fraction correct |");
        System.out.println("|---|---|---|---|");
        double[] n = new double[10];
        double[] conf = new double[10];
        double[] hit = new double[10];
        for (List<Scored> fold : folds) {
            for (Scored s : fold) {
                for (int c = 0; c < s.z().length; c++) {
                    double p = HeldOutMetrics.sigmoid(s.z()[c], cal);
                    int bin = Math.min(9, (int) (p * 10));
                    n[bin]++;
                    conf[bin] += p;
                    hit[bin] += HeldOutMetrics.contains(s.sample().labels(), c) ? 1 : 0;
                }
            }
        }
        printBins(n, conf, hit);
    }
}
