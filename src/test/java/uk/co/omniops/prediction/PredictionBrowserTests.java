package uk.co.omniops.prediction;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.RolloutManagement;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/**
 * The prediction in the conversation header, in Chromium: it appears live after an angry message posted through the
 * API ({@code prediction.updated}) and disappears without a reload when predictive analytics is switched off.
 */
@BrowserTest
class PredictionBrowserTests implements BrowserTestSupport {

    static final String AGENT = "agent@techsupport-co";
    static final String KEY = "dev-techsupport-co-key";

    @LocalServerPort
    int port;

    @Autowired
    RolloutManagement rollout;

    BrowserContext context;
    Page page;

    JsonNode post(String path, String body) throws Exception {
        return new ApiClient(port, KEY).post(path, body);
    }

    static LocatorAssertions.IsVisibleOptions within(double ms) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(ms);
    }

    @Test
    void theHeaderShowsThePredictionLiveAndHidesItWhenTheFeatureIsOff() throws Exception {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var conversation =
                post("/api/v1/conversations", """
                {"contact": {"name": "Prediction %s", "email": "prediction-%s@example.com"},
                 "text": "Hello, a question about my invoice.", "channel": "chat"}""".formatted(tag, tag)).get("id").asString();
        Browser.signIn(page, base(), AGENT, "demo", "/inbox/" + conversation);
        assertThat(page.locator("#thread")).isVisible();

        post(
                "/api/v1/conversations/" + conversation + "/messages",
                "{\"text\":\"This is useless, I am furious and nobody answers. I want a refund now!\"}");
        var prediction = page.locator("#conversation-prediction");
        assertThat(prediction).isVisible(within(15_000));
        assertThat(page.locator("#prediction-risk")).containsText("Escalation risk");
        assertThat(page.locator("#prediction-csat")).containsText("Expected CSAT");
        assertThat(page.locator("#prediction-resolution")).containsText("Resolution ~");
        assertThat(page.locator("#prediction-factors")).not().isEmpty();
        Browser.screenshot(page, "prediction-header");
        page.evaluate("() => window.__notReloaded = true");

        var saved = rollout.flag(Feature.PREDICTIVE_ANALYTICS);
        try {
            rollout.blocklistAdd(
                    Feature.PREDICTIVE_ANALYTICS,
                    List.of("techsupport-co"),
                    "test@prediction",
                    "prediction test: a disabled feature leaves no trace");
            assertThat(prediction).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(5_000));
            assertThat(Objects.requireNonNull(page.evaluate("() => window.__notReloaded === true")))
                    .isEqualTo(true);
        } finally {
            rollout.setBlocklist(Feature.PREDICTIVE_ANALYTICS, saved.blocklist(), "test@prediction", "test clean-up");
            rollout.setWhitelist(Feature.PREDICTIVE_ANALYTICS, saved.whitelist(), "test@prediction", "test clean-up");
        }
        assertThat(prediction).isVisible(within(5_000));
    }
}
