package uk.co.omniops.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server side of {@code <omni-chart>}: what goes to the browser, what screen readers hear, what is refused. */
class ChartTests {

    static JsonNode config(Chart chart) {
        return JsonMapper.builder().build().readTree(chart.getElement().getProperty("config"));
    }

    @Test
    void sendsLabelsSeriesAndOptionsAsJsonWithGapsAsNull() {
        var chart = new Chart(Chart.Kind.LINE);
        chart.setTitle("Volume");
        chart.setYAxisTitle("Conversations");
        chart.setData(
                List.of("Mon", "Tue", "Wed"),
                List.of(
                        Chart.Series.of("Actual", Arrays.asList(3.0, null, 5.0)).withColour("primary"),
                        Chart.Series.band("Forecast range", List.of(2.0, 3.0, 4.0), List.of(4.0, 6.0, 7.0)),
                        Chart.Series.of("Agents", List.of(1.0, 2.0, 2.0))
                                .asBar()
                                .onSecondaryAxis()));

        var json = config(chart);
        assertThat(json.get("type").asString()).isEqualTo("LINE");
        assertThat(json.get("labels")).hasSize(3);
        assertThat(json.get("series").get(0).get("values").get(1).isNull()).isTrue();
        assertThat(json.get("series").get(0).get("colour").asString()).isEqualTo("primary");
        assertThat(json.get("series").get(1).get("lower").get(2).asDouble()).isEqualTo(4.0);
        assertThat(json.get("series").get(2).get("kind").asString()).isEqualTo("BAR");
        assertThat(json.get("series").get(2).get("secondaryAxis").asBoolean()).isTrue();
        assertThat(json.get("clickable").asBoolean()).isFalse();
        assertThat(json.get("animated").asBoolean()).isFalse();
        assertThat(json.get("summary").asString())
                .isEqualTo("Line chart: Volume. 3 points from Mon to Wed."
                        + " Actual: from 3 to 5. Forecast range: between 2 and 7. Agents: from 1 to 2.");
    }

    @Test
    void percentSummaryAndDoughnutSlices() {
        var chart = new Chart(Chart.Kind.DOUGHNUT);
        chart.setPercent(true);
        chart.setData(List.of("Billing", "Refund"), List.of(Chart.Series.of("Share", List.of(0.25, 0.75))));
        assertThat(chart.summary()).isEqualTo("Doughnut chart. 2 points. Share: Billing 25 %, Refund 75 %.");
        chart.setDescription("Category mix");
        assertThat(config(chart).get("summary").asString()).isEqualTo("Category mix");
    }

    @Test
    void clickListenerMakesPointsClickableAndUnregisters() {
        var chart = new Chart(Chart.Kind.STACKED_BAR);
        var clicks = new ArrayList<Chart.PointClick>();
        var registration = chart.addPointClickListener(clicks::add);
        assertThat(config(chart).get("clickable").asBoolean()).isTrue();
        registration.remove();
        assertThat(config(chart).get("clickable").asBoolean()).isFalse();
    }

    @Test
    void refusesSeriesThatDoNotMatchTheLabels() {
        var chart = new Chart(Chart.Kind.BAR);
        chart.setLabels(List.of("a", "b"));
        assertThatThrownBy(() -> chart.setSeries(List.of(Chart.Series.of("x", List.of(1.0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 values for 2 labels");
        assertThatThrownBy(() -> Chart.Series.band("b", List.of(1.0), List.of(1.0, 2.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 lower values for 2 upper");
        assertThat(chart.summary()).isEqualTo("Bar chart. No data.");
    }
}
