package uk.co.omniops.prediction.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Small in-process models over {@link Features}: logistic regression (escalation risk) and ridge regression (CSAT,
 * resolution minutes), both fitted by full-batch gradient descent with an L2 penalty, plus hand-set priors and the
 * blend {@code w = n / (n + k)} between a customer's fit and the prior.
 *
 * @see <a href="../../../../../../../docs/decisions/010-predictions.md">decision 010</a>
 */
final class LinearModels {

    public static final int PRIOR_WEIGHT = 50;

    private LinearModels() {}

    /** Hand-set risk prior: logit ≈ −3 for a calm conversation, negativity, streaks and waits push it up. */
    public static double[] riskPrior() {
        var w = new double[Features.SIZE];
        w[0] = -3.2;
        w[1] = 1.6; // latest negativity
        w[2] = 0.8; // worst negativity
        w[3] = 2.5; // negative streak (5 in a row = +2.5)
        w[4] = 1.5; // sentiment drop
        w[5] = 0.9; // waiting (per hour)
        w[6] = 0.3; // messages
        w[7] = 0.6; // VIP
        w[8] = 0.6; // priority
        w[9] = 0.1; // off hours
        w[10] = 0.7; // refund
        w[11] = 0.4; // billing
        w[12] = 0.3; // delivery
        w[13] = 0.5; // cancellation
        w[14] = 0.2; // technical
        w[15] = 1.0; // complaint
        w[16] = 0.9; // human_agent
        return w;
    }

    /** Hand-set CSAT prior (1–5): 4.5 for a calm conversation. */
    public static double[] csatPrior() {
        var w = new double[Features.SIZE];
        w[0] = 4.5;
        w[1] = -1.6;
        w[2] = -0.6;
        w[3] = -0.8;
        w[4] = -0.6;
        w[5] = -0.5;
        w[6] = -0.1;
        w[15] = -0.4;
        return w;
    }

    /** Hand-set resolution prior (minutes): 30 min base. */
    public static double[] resolutionPrior() {
        var w = new double[Features.SIZE];
        w[0] = 30;
        w[1] = 15;
        w[3] = 20;
        w[4] = 10;
        w[5] = 20;
        w[6] = 25;
        w[8] = -5;
        w[10] = 15;
        w[11] = 10;
        w[12] = 10;
        w[14] = 20;
        w[15] = 15;
        return w;
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    public static double dot(double[] w, double[] x) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    /**
     * Logistic regression from the prior as start and as the centre of the L2 penalty (so little data moves the
     * coefficients little).
     */
    public static double[] fitLogistic(List<double[]> xs, List<Boolean> ys, double[] prior, double lambda) {
        var w = prior.clone();
        int n = xs.size();
        if (n == 0) {
            return w;
        }
        double rate = 0.5;
        for (int epoch = 0; epoch < 400; epoch++) {
            var grad = new double[w.length];
            for (int i = 0; i < n; i++) {
                double err = sigmoid(dot(w, xs.get(i))) - (ys.get(i) ? 1 : 0);
                for (int j = 0; j < w.length; j++) {
                    grad[j] += err * xs.get(i)[j] / n;
                }
            }
            for (int j = 0; j < w.length; j++) {
                w[j] -= rate * (grad[j] + lambda * (w[j] - prior[j]));
            }
        }
        return w;
    }

    /** Ridge regression (squared error, penalty towards the prior) by gradient descent on standardised targets. */
    public static double[] fitRidge(List<double[]> xs, List<Double> ys, double[] prior, double lambda) {
        int n = xs.size();
        if (n == 0) {
            return prior.clone();
        }
        double scale = Math.max(1, ys.stream().mapToDouble(Math::abs).max().orElse(1));
        var w = new double[prior.length];
        var p = new double[prior.length];
        for (int j = 0; j < w.length; j++) {
            w[j] = prior[j] / scale;
            p[j] = w[j];
        }
        double rate = 0.3;
        for (int epoch = 0; epoch < 600; epoch++) {
            var grad = new double[w.length];
            for (int i = 0; i < n; i++) {
                double err = dot(w, xs.get(i)) - ys.get(i) / scale;
                for (int j = 0; j < w.length; j++) {
                    grad[j] += err * xs.get(i)[j] / n;
                }
            }
            for (int j = 0; j < w.length; j++) {
                w[j] -= rate * (grad[j] + lambda * (w[j] - p[j]));
            }
        }
        for (int j = 0; j < w.length; j++) {
            w[j] *= scale;
        }
        return w;
    }

    /** {@code n/(n+k)} of the customer's fit, the rest the prior. */
    public static double[] blend(double[] fitted, double[] prior, int n) {
        double a = n / (double) (n + PRIOR_WEIGHT);
        var w = new double[prior.length];
        for (int j = 0; j < w.length; j++) {
            w[j] = a * fitted[j] + (1 - a) * prior[j];
        }
        return w;
    }

    /**
     * The largest {@code |w·x|} contributions that push the prediction in the direction of concern ({@code sign} +1
     * for risk and minutes, −1 for CSAT), intercept excluded.
     */
    public static List<Integer> topContributions(double[] w, double[] x, int sign, int limit) {
        return IntStream.range(1, w.length)
                .filter(j -> x[j] != 0 && sign * w[j] * x[j] > 0.01)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(w[j] * x[j])))
                .limit(limit)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }
}
