package uk.co.omniops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * Redis is not part of readiness: the product works without it (jobs run in-process, docs/fault-tests.md "Redis
 * down"), so a Redis outage must not drain every pod. It shows as degraded in the readiness body and as the gauge
 * {@code omniops.redis.available}.
 */
@OmniOpsIntegrationTest
@Tag("fault")
class ReadinessWithoutRedisTests {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    final HttpClient http = ApiClient.http();

    @Test
    void withRedisStoppedThePodStaysReadyAndReportsRedisDegraded() throws Exception {
        TestInfrastructure.stopRedis();
        try {
            // readiness reports the last background check (it never waits on Redis): every answer is 200, and within
            // a few seconds Redis shows as degraded
            var deadline = System.currentTimeMillis() + 15_000;
            HttpResponse<String> ready;
            do {
                ready = get("/api/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(ready.body()).startsWith("{\"status\":\"UP\"").doesNotContain("failing");
                if (!ready.body().contains("DEGRADED")) {
                    Thread.sleep(250);
                }
            } while (!ready.body().contains("DEGRADED") && System.currentTimeMillis() < deadline);
            assertThat(ready.body()).contains("\"redis\":{\"status\":\"DEGRADED\"");
            assertThat(registry.get(OmniOpsMetrics.REDIS_AVAILABLE).gauge().value())
                    .isZero();
            assertThat(get("/api/health").statusCode()).isEqualTo(200);
        } finally {
            TestInfrastructure.startRedisAgain();
        }
        var deadline = System.currentTimeMillis() + 15_000;
        String body;
        do {
            body = get("/api/ready").body();
            if (!body.contains("\"redis\":{\"status\":\"UP\"")) {
                Thread.sleep(250);
            }
        } while (!body.contains("\"redis\":{\"status\":\"UP\"") && System.currentTimeMillis() < deadline);
        assertThat(body).contains("\"redis\":{\"status\":\"UP\"");
        assertThat(registry.get(OmniOpsMetrics.REDIS_AVAILABLE).gauge().value()).isEqualTo(1.0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
