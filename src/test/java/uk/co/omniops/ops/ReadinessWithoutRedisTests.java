package uk.co.omniops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/** Readiness names the failing part when Redis dies, and recovers when it returns. */
@OmniOpsIntegrationTest
class ReadinessWithoutRedisTests {

    @LocalServerPort
    int port;

    @Autowired
    RedisConnectionFactory redis;

    @Test
    void readinessReportsRedisDownWithA503AndRecovers() throws Exception {
        var http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ready")).build();
        TestInfrastructure.stopRedis();
        try {
            var down = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"failing\":[\"redis\"]");
            var live = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
        } finally {
            TestInfrastructure.startRedisAgain();
        }
        var deadline = System.currentTimeMillis() + 15_000;
        int status;
        do {
            status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        } while (status != 200 && System.currentTimeMillis() < deadline);
        assertThat(status).isEqualTo(200);
    }
}
