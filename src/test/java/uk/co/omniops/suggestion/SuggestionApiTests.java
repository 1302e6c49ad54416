package uk.co.omniops.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.tenancy.ApiKeyManagement;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/** {@code GET /api/v1/conversations/{id}/suggestions} with a customer's API key; other tenants get 404. */
@OmniOpsIntegrationTest
class SuggestionApiTests {

    @LocalServerPort
    int port;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    ApiKeyManagement apiKeys;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    SuggestionManagement suggestions;

    final HttpClient http = ApiClient.http();
    final JsonMapper json = JsonMapper.builder().build();
    Customer a;
    String keyA;
    String keyB;

    @BeforeEach
    void setUp() {
        a = tenancy.ensureCustomer("suggestion-api-a", "Suggestion API A", "business", "eu");
        var b = tenancy.ensureCustomer("suggestion-api-b", "Suggestion API B", "business", "eu");
        keyA = apiKeys.create(a.id(), "tests", "tests").plaintext();
        keyB = apiKeys.create(b.id(), "tests", "tests").plaintext();
        if (suggestions.library(a.id(), true).isEmpty()) {
            suggestions.createEntry(
                    a.id(),
                    new ReplyDraft(
                            "Refund on its way",
                            "Hi {{contact.first_name}}, your refund for order {{order.number}} is on its way.",
                            List.of("refund")),
                    "test");
        }
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    ConversationId start() {
        return conversations
                .start(
                        a.id(),
                        new NewContact("Kim Lee", null, null),
                        "Where is my refund for order 48213?",
                        "api",
                        null)
                .conversation()
                .id();
    }

    @Test
    void returnsTheSuggestionsWithSourceScoreAndReason() throws Exception {
        var id = start();
        var response = get("/api/v1/conversations/" + id + "/suggestions", keyA);
        assertThat(response.statusCode()).isEqualTo(200);
        var body = json.readTree(response.body());
        assertThat(body.get("conversationId").asString()).isEqualTo(id.toString());
        JsonNode first = null;
        for (var s : body.get("suggestions")) {
            if ("Refund on its way".equals(s.get("sourceTitle").asString())) {
                first = s;
            }
        }
        assertThat(first).as("the refund entry is among %s", body).isNotNull();
        assertThat(first.get("text").asString()).isEqualTo("Hi Kim, your refund for order 48213 is on its way.");
        assertThat(first.get("source").asString()).isEqualTo("library");
        assertThat(first.get("sourceTitle").asString()).isEqualTo("Refund on its way");
        assertThat(first.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.get("reason").asString()).isNotBlank();
        // the same stored suggestions as the workspace sees (they may be re-ranked once the analysis arrives)
        assertThat(suggestions.suggestions(a.id(), id))
                .extracting(s -> s.text())
                .contains(first.get("text").asString());
    }

    @Test
    void anotherCustomersOrAnUnknownConversationIsNotFound() throws Exception {
        var id = start();
        for (var path : List.of(
                "/api/v1/conversations/" + id + "/suggestions",
                "/api/v1/conversations/" + UUID.randomUUID() + "/suggestions",
                "/api/v1/conversations/not-an-id/suggestions")) {
            var response = get(path, path.contains(id.toString()) ? keyB : keyA);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(response.body()).doesNotContain("Kim").doesNotContain("refund");
        }
    }

    @Test
    void withoutAKeyItIsUnauthorised() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + port + "/api/v1/conversations/" + start() + "/suggestions"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }
}
