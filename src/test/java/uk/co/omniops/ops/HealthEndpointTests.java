package uk.co.omniops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.OmniOpsIntegrationTest;

@OmniOpsIntegrationTest
class HealthEndpointTests {

    @LocalServerPort
    int port;

    final HttpClient http = ApiClient.http();

    @Test
    void livenessAnswersWithoutAuthentication() throws Exception {
        var response = get("/api/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void readinessChecksDatabaseMigrationsAndRedis() throws Exception {
        var response = get("/api/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"database\"", "\"migrations\"", "\"redis\"")
                .doesNotContain("DOWN");
    }

    @Test
    void apiWithoutKeyIsRejectedAsProblemJson() throws Exception {
        var response = get("/api/v1/conversations");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401", "Bearer");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
