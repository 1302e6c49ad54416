package uk.co.omniops.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * An application context stopped and started again while another context in the same JVM made its own security
 * strategy the static one (what Spring's test context cache does when it pauses a cached context): API keys must
 * still put their customer in scope. Before {@code SecurityContextStrategyPin} every tenant-scoped API call after
 * the restart answered 500 ("no customer in scope").
 */
@OmniOpsIntegrationTest
class PausedContextTests {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    ApiKeyManagement apiKeys;

    @Test
    void apiKeysStillAuthenticateAfterTheContextIsStoppedAndStartedAgain() throws Exception {
        var customer = tenancy.ensureCustomer("paused-context", "Paused Context", "business", "eu");
        var key = apiKeys.create(customer.id(), "tests", "tests").plaintext();
        assertThat(unknownConversation(key)).isEqualTo(404);

        context.stop();
        SecurityContextHolder.setStrategyName(SecurityContextHolder.MODE_THREADLOCAL); // another context's strategy
        context.start();

        assertThat(unknownConversation(key))
                .as("a 404 problem, not a 500 for want of a customer")
                .isEqualTo(404);
    }

    private int unknownConversation(String key) throws Exception {
        var port = context.getEnvironment().getProperty("local.server.port");
        try (var http = HttpClient.newHttpClient()) {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conversations/"
                                            + UUID.randomUUID() + "/suggestions"))
                                    .header("Authorization", "Bearer " + key)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
