package uk.co.omniops.workspace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.co.omniops.analysis.CorrectionStats;

class CorrectionStatsTextTests {

    @Test
    void oneCategoryCorrectionShowsItsCountAndNoRate() {
        var one = new CorrectionStats(1, 0, 1, null, 0.0);

        assertThat(CorrectionStatsText.of(one))
                .isEqualTo("1 correction · category: 1 so far, accuracy shown from 20")
                .doesNotContain("0 %");
    }

    @Test
    void aRateRestingOnEnoughCorrectionsIsShownWithItsN() {
        var stats = new CorrectionStats(27, 20, 7, 0.85, 0.0);

        assertThat(CorrectionStatsText.of(stats))
                .isEqualTo(
                        "27 corrections · sentiment accuracy 85 % (n = 20) · category: 7 so far, accuracy shown from 20");
        assertThat(CorrectionStatsText.of(new CorrectionStats(0, 0, 0, null, null)))
                .isEqualTo("0 corrections");
    }
}
