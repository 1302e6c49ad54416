package uk.co.omniops.prediction.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.co.omniops.prediction.Calibration;

class CalibrationSummaryTests {

    @Test
    void aBrierScoreFromOneConversationIsNotShownButItsNIs() {
        var one = new Calibration(List.of(), 1, 0.0);

        assertThat(PredictionsAdminView.summary("Acme", one))
                .isEqualTo("Acme: 1 resolved conversation scored · Brier score: not enough data yet (shown from 30 "
                        + "resolved conversations)")
                .doesNotContain("0.000");
    }

    @Test
    void fromThirtyConversationsTheScoreIsShownWithItsN() {
        var enough = new Calibration(List.of(), Calibration.MIN_FOR_BRIER, 0.0832);

        assertThat(PredictionsAdminView.summary("All customers", enough))
                .startsWith("All customers: 30 resolved conversations scored · Brier score 0.083 (n = 30;");
        assertThat(PredictionsAdminView.summary("Acme", new Calibration(List.of(), 0, Double.NaN)))
                .isEqualTo("Acme: no resolved conversations with a risk prediction yet.");
    }
}
