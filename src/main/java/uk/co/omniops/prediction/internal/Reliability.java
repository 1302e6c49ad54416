package uk.co.omniops.prediction.internal;

import java.util.ArrayList;
import java.util.List;
import uk.co.omniops.prediction.Calibration;

/** Builds the reliability table (decile bins) from (predicted risk, escalated) pairs. */
public final class Reliability {

    public record Outcome(double risk, boolean escalated) {}

    private Reliability() {}

    public static Calibration of(List<Outcome> outcomes) {
        int[] count = new int[10];
        int[] escalated = new int[10];
        double[] sum = new double[10];
        double brier = 0;
        for (var o : outcomes) {
            int bin = Math.min(9, (int) Math.floor(Math.max(0, o.risk()) * 10));
            count[bin]++;
            sum[bin] += o.risk();
            if (o.escalated()) {
                escalated[bin]++;
            }
            double y = o.escalated() ? 1 : 0;
            brier += (o.risk() - y) * (o.risk() - y);
        }
        var bins = new ArrayList<Calibration.Bin>();
        for (int i = 0; i < 10; i++) {
            bins.add(new Calibration.Bin(
                    i / 10.0,
                    (i + 1) / 10.0,
                    count[i],
                    escalated[i],
                    count[i] == 0 ? Double.NaN : sum[i] / count[i],
                    count[i] == 0 ? Double.NaN : escalated[i] / (double) count[i]));
        }
        return new Calibration(bins, outcomes.size(), outcomes.isEmpty() ? Double.NaN : brier / outcomes.size());
    }
}
