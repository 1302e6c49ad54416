package uk.co.omniops.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the REST API as a customer's system would, with one API key; checks the expected status. */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String key;

    /**
     * The test JVM's one HTTP client, for tests that look at raw responses (status, headers, problem+json) rather
     * than the happy path {@link #post}/{@link #get} assert: one connection pool, one configuration.
     */
    public static HttpClient http() {
        return HTTP;
    }

    public ApiClient(int port, String key) {
        this.base = "http://localhost:" + port;
        this.key = key;
    }

    /** POSTs JSON and expects {@code 201 Created}. */
    public JsonNode post(String path, String body) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("POST %s: %s", path, response.body())
                .isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** GETs and expects {@code 200 OK}. */
    public JsonNode get(String path) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + key)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
