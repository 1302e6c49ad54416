package uk.co.omniops.prediction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.co.omniops.prediction.Prediction;

/**
 * One customer's three models: each the blend {@code n/(n+50)} of a fit on the customer's resolved history and the
 * hand-set prior, so a new customer (n = 0) gets exactly the prior.
 */
record CustomerModels(double[] risk, double[] csat, double[] resolution, int n) {

    public static final String VERSION = "predict-v1";

    public static CustomerModels prior() {
        return new CustomerModels(
                LinearModels.riskPrior(), LinearModels.csatPrior(), LinearModels.resolutionPrior(), 0);
    }

    /** Fits on resolved conversations (their last features and outcomes). */
    public static CustomerModels train(List<PredictionStore.Outcome> history) {
        if (history.isEmpty()) {
            return prior();
        }
        var xs = history.stream()
                .map(PredictionStore.Outcome::features)
                .filter(f -> f.length == Features.SIZE)
                .toList();
        var valid = history.stream()
                .filter(o -> o.features().length == Features.SIZE)
                .toList();
        if (valid.isEmpty()) {
            return prior();
        }
        var risk = LinearModels.fitLogistic(
                xs, valid.stream().map(PredictionStore.Outcome::escalated).toList(), LinearModels.riskPrior(), 0.01);
        var csatRows = valid.stream().filter(o -> o.csat() != null).toList();
        var csat = LinearModels.fitRidge(
                csatRows.stream().map(PredictionStore.Outcome::features).toList(),
                csatRows.stream().map(PredictionStore.Outcome::csat).toList(),
                LinearModels.csatPrior(),
                0.01);
        var timeRows = valid.stream().filter(o -> o.resolutionMinutes() != null).toList();
        var time = LinearModels.fitRidge(
                timeRows.stream().map(PredictionStore.Outcome::features).toList(),
                timeRows.stream()
                        .map(o -> Math.min(o.resolutionMinutes(), 7 * 24 * 60.0))
                        .toList(),
                LinearModels.resolutionPrior(),
                0.01);
        int n = valid.size();
        return new CustomerModels(
                LinearModels.blend(risk, LinearModels.riskPrior(), n),
                LinearModels.blend(csat, LinearModels.csatPrior(), n),
                LinearModels.blend(time, LinearModels.resolutionPrior(), n),
                n);
    }

    public double risk(double[] x) {
        return LinearModels.sigmoid(LinearModels.dot(risk, x));
    }

    public Prediction predict(double[] x, java.time.Instant at) {
        double r = risk(x);
        double c = Math.clamp(LinearModels.dot(csat, x), 1.0, 5.0);
        int minutes = (int) Math.round(Math.max(1, LinearModels.dot(resolution, x)));
        var factors = new ArrayList<String>();
        for (int j : LinearModels.topContributions(risk, x, +1, 3)) {
            factors.add(Features.describe(j, x));
        }
        for (int j : LinearModels.topContributions(resolution, x, +1, 2)) {
            var words = Features.describe(j, x);
            if (!factors.contains(words)) {
                factors.add(words);
            }
        }
        double weight = n / (double) (n + LinearModels.PRIOR_WEIGHT);
        var model = String.format(Locale.ROOT, "%s (n=%d, customer weight %.2f)", VERSION, n, weight);
        return new Prediction(
                Math.round(r * 10_000) / 10_000.0,
                Math.round(c * 100) / 100.0,
                minutes,
                factors.subList(0, Math.min(4, factors.size())),
                model,
                at);
    }
}
