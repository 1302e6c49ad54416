package uk.co.omniops.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.tenancy.DemoData;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/** {@code GET /api/v1/features} with a customer's API key: that customer's effective flags with reasons. */
@OmniOpsIntegrationTest
class FeaturesApiTests {

    @LocalServerPort
    int port;

    @Autowired
    RolloutManagement rollout;

    List<FlagDefinition> saved;
    final HttpClient http = ApiClient.http();

    @BeforeEach
    void save() {
        saved = RolloutTestSupport.snapshot(rollout);
    }

    @AfterEach
    void restore() {
        RolloutTestSupport.restore(rollout, saved);
    }

    HttpResponse<String> get(String key) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/features"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void returnsTheKeysCustomerFlagsWithReasons() throws Exception {
        rollout.setWhitelist(Feature.PREDICTIVE_ANALYTICS, Set.of(), RolloutTestSupport.ACTOR, "api test");
        rollout.setPercentage(Feature.PREDICTIVE_ANALYTICS, 0, RolloutTestSupport.ACTOR, "api test");
        rollout.setBlocklist(
                Feature.AUTO_CATEGORIZATION, Set.of("thompson-engineering"), RolloutTestSupport.ACTOR, "api test");

        var response = get(DemoData.apiKey("thompson-engineering"));

        assertThat(response.statusCode()).isEqualTo(200);
        var body = response.body().replace(" ", "");
        assertThat(body).contains("\"customer\":\"thompson-engineering\"", "\"source\":\"database\"");
        assertThat(body).contains("{\"key\":\"predictive-analytics\",\"enabled\":false,\"reason\":\"outside_rollout\"");
        assertThat(body).contains("{\"key\":\"auto-categorization\",\"enabled\":false,\"reason\":\"blocklisted\"");
        assertThat(body).contains("{\"key\":\"sentiment-analysis\",\"enabled\":true,\"reason\":\"whitelisted\"");
        assertThat(body).contains("\"prerequisite\":\"sentiment-analysis\"");
        assertThat(body).doesNotContain("techsupport-co");
    }

    @Test
    void withoutAnApiKeyItIsUnauthorized() throws Exception {
        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get("omni_not-a-real-key").statusCode()).isEqualTo(401);
    }
}
