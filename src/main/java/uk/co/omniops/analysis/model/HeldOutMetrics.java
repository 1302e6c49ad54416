package uk.co.omniops.analysis.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.co.omniops.analysis.model.Comparison.Scored;

/** Figures of held-out predictions for {@link Comparison}: sentiment and category rows, decision rules. */
final class HeldOutMetrics {

    private HeldOutMetrics() {}

    static int predict(double[] z, float offset) {
        double[] s = z.clone();
        s[0] += offset;
        return SentimentModel.argmax(s);
    }

    static String sentimentRow(String recipe, float offset, String source, List<Scored> scored) {
        int[][] confusion = new int[3][3];
        for (Scored s : scored) {
            confusion[s.sample().labels()[0]][predict(s.z(), offset)]++;
        }
        double[] m = sentimentMetrics(confusion);
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |",
                recipe,
                offset,
                source,
                scored.size(),
                m[0],
                m[1],
                m[2],
                m[3],
                m[4]);
    }

    /** accuracy, macro-F1 (over labels present), recall negative / neutral / positive. */
    static double[] sentimentMetrics(int[][] confusion) {
        int n = 0;
        int correct = 0;
        double f1sum = 0;
        int present = 0;
        double[] recall = new double[3];
        for (int g = 0; g < 3; g++) {
            int support = 0;
            int predicted = 0;
            for (int p = 0; p < 3; p++) {
                support += confusion[g][p];
                predicted += confusion[p][g];
                n += confusion[g][p];
            }
            correct += confusion[g][g];
            recall[g] = support == 0 ? Double.NaN : (double) confusion[g][g] / support;
            if (support > 0) {
                double precision = predicted == 0 ? 0 : (double) confusion[g][g] / predicted;
                f1sum += precision + recall[g] == 0 ? 0 : 2 * precision * recall[g] / (precision + recall[g]);
                present++;
            }
        }
        return new double[] {(double) correct / n, f1sum / present, recall[0], recall[1], recall[2]};
    }

    static double sigmoid(double z, float[] cal) {
        return CategoryModel.sigmoid(cal[0] * z + cal[1]);
    }

    static String categoryRow(String recipe, String source, List<Scored> scored, float[] cal) {
        List<String> keys = Taxonomy.keys();
        int k = keys.size();
        int[] tp = new int[k];
        int[] fp = new int[k];
        int[] fn = new int[k];
        int n = 0;
        int correct = 0;
        int none = 0;
        int noneEmpty = 0;
        for (Scored s : scored) {
            int top = SentimentModel.argmax(s.z());
            if (s.sample().labels().length == 0) {
                none++;
                if (select(s.z(), cal).isEmpty()) {
                    noneEmpty++;
                }
                continue;
            }
            int gold = s.sample().labels()[0];
            n++;
            if (top == gold) {
                correct++;
                tp[gold]++;
            } else {
                fp[top]++;
                fn[gold]++;
            }
        }
        int t = keys.indexOf("technical");
        String tech = tp[t] + fn[t] == 0
                ? "–"
                : String.format(Locale.ROOT, "%.3f (%d)", (double) tp[t] / (tp[t] + fn[t]), tp[t] + fn[t]);
        String noneRate = none == 0 ? "–" : String.format(Locale.ROOT, "%.3f (%d)", (double) noneEmpty / none, none);
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d | %.3f | %.3f | %s | %s |",
                recipe,
                source,
                n,
                (double) correct / n,
                macroF1(tp, fp, fn),
                tech,
                noneRate);
    }

    static List<Integer> select(double[] z, float[] cal) {
        List<CategoryScore> ranked = new ArrayList<>();
        for (int c = 0; c < z.length; c++) {
            ranked.add(new CategoryScore(String.valueOf(c), sigmoid(z[c], cal)));
        }
        ranked.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
        return CategoryModel.select(ranked).stream()
                .map(s -> Integer.parseInt(s.key()))
                .toList();
    }

    static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** The mean F1 over the classes present in the gold labels (tp + fn > 0). */
    static double macroF1(int[] tp, int[] fp, int[] fn) {
        double f1 = 0;
        int present = 0;
        for (int c = 0; c < tp.length; c++) {
            if (tp[c] + fn[c] > 0) {
                double p = tp[c] + fp[c] == 0 ? 0 : (double) tp[c] / (tp[c] + fp[c]);
                double r = (double) tp[c] / (tp[c] + fn[c]);
                f1 += p + r == 0 ? 0 : 2 * p * r / (p + r);
                present++;
            }
        }
        return f1 / present;
    }
}
