package uk.co.omniops.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.ops.OmniOpsMetrics;

/**
 * deploy/datadog must import cleanly and query only metrics the application publishes
 * ({@link OmniOpsMetrics#NAMES}); monitor thresholds must match the seed deployment guide.
 */
class DatadogDefinitionsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // Micrometer's Datadog registry publishes a timer as <name>.count/.sum/.avg/.max plus
    // <name>.percentile{phi:...}; strip those to get the meter name the app registers.
    private static final Pattern METRIC = Pattern.compile("(?:avg|sum|min|max|p\\d+):([a-z0-9_.]+)\\{");
    private static final Pattern MICROMETER_SUFFIX = Pattern.compile("\\.(percentile|count|sum|avg|max)$");

    @Test
    void dashboardShowsEveryPhase4SignalFromPublishedMetrics() throws IOException {
        JsonNode dashboard = read("deploy/datadog/dashboard.json");
        assertThat(dashboard.path("title").asString()).contains("Phase 4");
        assertThat(dashboard.path("layout_type").asString()).isIn("ordered", "free");
        List<String> queries = new ArrayList<>();
        for (JsonNode widget : dashboard.path("widgets")) {
            for (JsonNode request : widget.path("definition").path("requests")) {
                queries.add(request.path("q").asString());
            }
        }
        Set<String> metrics = metricsIn(queries);
        assertThat(metrics).isSubsetOf(OmniOpsMetrics.NAMES);
        assertThat(metrics)
                .contains(
                        "omniops.sentiment.latency",
                        "omniops.ml_api.errors",
                        "omniops.queue.lag",
                        "omniops.requests",
                        "omniops.ml_api.availability",
                        "omniops.ml_api.cost_daily");
        assertThat(queries)
                .anySatisfy(q -> assertThat(q)
                        .contains("omniops.sentiment.latency.percentile")
                        .contains("phi:0.95"));
    }

    @Test
    void errorRateMonitorPagesWhenAbove1PercentFor5Minutes() throws IOException {
        JsonNode m = read("deploy/datadog/monitors/error-rate.json");
        assertMonitor(m, "sum(last_5m):", "> 1", 1.0);
        assertThat(m.path("query").asString()).contains("outcome:server_error");
        assertThat(m.path("message").asString()).contains("@pagerduty-").contains("@slack-");
    }

    @Test
    void mlAvailabilityMonitorPagesWhenBelow95PercentFor2Minutes() throws IOException {
        JsonNode m = read("deploy/datadog/monitors/ml-api-availability.json");
        assertMonitor(m, "max(last_2m):", "< 0.95", 0.95);
        assertThat(m.path("message").asString()).contains("@pagerduty-").contains("@slack-");
    }

    @Test
    void mlCostMonitorNotifiesSlackAndEmailAbove200PercentOfBudgetFor1Hour() throws IOException {
        JsonNode m = read("deploy/datadog/monitors/ml-cost-budget.json");
        assertMonitor(m, "min(last_1h):", "> 200", 200.0);
        assertThat(m.path("query").asString())
                .as("expressed as percent of the daily budget")
                .matches(
                        "min\\(last_1h\\):100 \\* max:omniops\\.ml_api\\.cost_daily\\{[^}]*\\} / \\d+(\\.\\d+)? > 200");
        String message = m.path("message").asString();
        assertThat(message).contains("@slack-").doesNotContain("@pagerduty-");
        assertThat(message).containsPattern("@[^@\\s]+@[^@\\s]+\\.[a-z]+"); // an e-mail handle
    }

    @Test
    void everyMonitorQueriesOnlyPublishedMetricsInProduction() throws IOException {
        try (Stream<Path> files = Files.list(DockerfileTests.repoFile("deploy/datadog/monitors"))) {
            List<Path> monitors =
                    files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(monitors).hasSize(3);
            for (Path file : monitors) {
                JsonNode m = JSON.readTree(file.toFile());
                String query = m.path("query").asString();
                assertThat(metricsIn(List.of(query)))
                        .as(file.toString())
                        .isNotEmpty()
                        .isSubsetOf(OmniOpsMetrics.NAMES);
                assertThat(query).as(file.toString()).contains("env:production");
                assertThat(m.path("type").asString()).isEqualTo("query alert");
                assertThat(m.path("name").asString()).startsWith("[OmniOps]");
            }
        }
    }

    private static void assertMonitor(JsonNode monitor, String window, String comparison, double critical) {
        String query = monitor.path("query").asString();
        assertThat(query).startsWith(window).endsWith(comparison);
        assertThat(monitor.path("options").path("thresholds").path("critical").asDouble())
                .isEqualTo(critical);
    }

    private static Set<String> metricsIn(List<String> queries) {
        Set<String> names = new LinkedHashSet<>();
        for (String q : queries) {
            Matcher m = METRIC.matcher(q);
            while (m.find()) {
                names.add(MICROMETER_SUFFIX.matcher(m.group(1)).replaceFirst(""));
            }
        }
        return names;
    }

    private static JsonNode read(String relative) throws IOException {
        return JSON.readTree(DockerfileTests.repoFile(relative).toFile());
    }
}
