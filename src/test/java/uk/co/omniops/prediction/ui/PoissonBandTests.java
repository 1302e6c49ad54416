package uk.co.omniops.prediction.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The forecast band's edges: exact Poisson quantiles (values from the Poisson CDF), normal approximation when large. */
class PoissonBandTests {

    @Test
    void exactQuantilesForSmallMeans() {
        // Poisson(4): P(N<=1)=0.092, P(N<=2)=0.238, P(N<=6)=0.889, P(N<=7)=0.949
        assertThat(PredictionsAdminView.poissonQuantile(4, 0.1)).isEqualTo(2);
        assertThat(PredictionsAdminView.poissonQuantile(4, 0.9)).isEqualTo(7);
        // Poisson(0.25): P(N=0)=0.78
        assertThat(PredictionsAdminView.poissonQuantile(0.25, 0.1)).isZero();
        assertThat(PredictionsAdminView.poissonQuantile(0.25, 0.9)).isEqualTo(1);
        assertThat(PredictionsAdminView.poissonQuantile(0, 0.9)).isZero();
    }

    @Test
    void normalApproximationForLargeMeans() {
        assertThat(PredictionsAdminView.poissonQuantile(400, 0.1)).isEqualTo(374);
        assertThat(PredictionsAdminView.poissonQuantile(400, 0.9)).isEqualTo(426);
        assertThatThrownBy(() -> PredictionsAdminView.poissonQuantile(4, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
