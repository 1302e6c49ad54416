package uk.co.omniops.insight.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.co.omniops.prediction.ArrivalForecast;
import uk.co.omniops.prediction.ArrivalForecast.Status;

/** The one line under the volume chart: what the forecast was made from, or why there is none. */
class ForecastNoteTests {

    @Test
    void saysWhyThereIsNoForecast() {
        var tooFew = InsightsCharts.Outlook.of(
                new ArrivalForecast(Status.TOO_LITTLE_HISTORY, List.of(), 9, 14), false, "TechSupport Co");
        assertThat(tooFew.buckets()).isEmpty();
        assertThat(tooFew.note()).isEqualTo("No forecast yet: 9 days of arrivals, 14 needed.");
        assertThat(InsightsCharts.Outlook.of(
                                new ArrivalForecast(Status.TOO_LITTLE_HISTORY, List.of(), 1, 14),
                                false,
                                "TechSupport Co")
                        .note())
                .isEqualTo("No forecast yet: 1 day of arrivals, 14 needed.");
        assertThat(InsightsCharts.Outlook.of(
                                new ArrivalForecast(Status.DISABLED, List.of(), 0, 14), false, "TechSupport Co")
                        .note())
                .isEqualTo("No forecast: predictive analytics is not switched on for TechSupport Co.");
    }

    @Test
    void saysWhatTheForecastWasMadeFrom() {
        var day = new ArrivalForecast.Bucket(Instant.parse("2026-12-08T00:00:00Z"), 58, 47, 69);
        var ready = InsightsCharts.Outlook.of(new ArrivalForecast(Status.READY, List.of(day), 42, 14), false, "X");
        assertThat(ready.buckets()).containsExactly(day);
        assertThat(ready.note())
                .isEqualTo("Forecast from 42 days of arrivals, by day of the week; the band is its 80 % interval.");
    }
}
