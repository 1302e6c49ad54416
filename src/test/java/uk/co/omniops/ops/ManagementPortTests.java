package uk.co.omniops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * Metrics and the other actuator endpoints live on the management port, which the ingress does not route; the
 * public port answers only the probes {@code /api/health} and {@code /api/ready}.
 */
@OmniOpsIntegrationTest
class ManagementPortTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    final HttpClient http = ApiClient.http();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/prometheus",
                "/actuator/health",
                "/actuator/health/liveness",
                "/actuator",
                "/actuator/env",
                "/actuator/metrics"
            })
    void thePublicPortServesNoActuatorEndpoint(String path) throws Exception {
        var response = get(port, path);
        assertThat(response.statusCode()).as(path).isIn(401, 404);
        assertThat(response.body()).doesNotContain("jvm_memory_used_bytes", "\"status\":\"UP\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/health", "/api/ready"})
    void theProbesStayOnThePublicPort(String path) throws Exception {
        assertThat(get(port, path).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/prometheus"})
    void theManagementPortServesTheScrape(String path) throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        var response = get(managementPort, path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes", "omniops_redis_available");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
