package uk.co.omniops.escalation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.escalation.internal.NotificationTargets;

/**
 * Platform alerts (error rate, ML availability, AI cost) through the same Slack, SendGrid and PagerDuty
 * destinations as escalations. Synchronous with short timeouts; never throws: each channel's outcome is returned
 * so the caller can record it.
 */
@Component
public class OperationalAlerts {

    public enum Channel {
        SLACK,
        EMAIL,
        PAGERDUTY
    }

    private static final Logger log = LoggerFactory.getLogger(OperationalAlerts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotificationTargets targets;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    OperationalAlerts(NotificationTargets targets) {
        this.targets = targets;
    }

    /**
     * @param key stable alert key (PagerDuty dedup key), e.g. {@code omniops-error-rate}
     * @param resolved true to send the all-clear (PagerDuty {@code resolve})
     * @return per channel: {@code sent}, {@code not configured} or the failure
     */
    public Map<Channel, String> send(
            String key, String title, String detail, String link, Set<Channel> channels, boolean resolved) {
        var t = targets.current();
        var results = new LinkedHashMap<Channel, String>();
        for (var channel : channels) {
            try {
                results.put(
                        channel,
                        switch (channel) {
                            case SLACK ->
                                t.slackWebhookUrl() == null
                                        ? "not configured"
                                        : post(
                                                t.slackWebhookUrl(),
                                                null,
                                                JSON.writeValueAsString(Map.of(
                                                        "text",
                                                        (resolved ? "[RESOLVED] " : "[ALERT] ") + title + ": " + detail
                                                                + " <" + link + "|System health>")));
                            case EMAIL ->
                                t.sendgridApiKey() == null || t.alertEmail() == null
                                        ? "not configured"
                                        : post(
                                                t.sendgridUrl(),
                                                t.sendgridApiKey(),
                                                JSON.writeValueAsString(Map.of(
                                                        "personalizations",
                                                                List.of(Map.of(
                                                                        "to",
                                                                        List.of(Map.of("email", t.alertEmail())))),
                                                        "from",
                                                                Map.of(
                                                                        "email",
                                                                        t.alertFrom() != null
                                                                                ? t.alertFrom()
                                                                                : t.alertEmail(),
                                                                        "name",
                                                                        "OmniOps alerts"),
                                                        "subject", (resolved ? "[RESOLVED] " : "[ALERT] ") + title,
                                                        "content",
                                                                List.of(Map.of(
                                                                        "type",
                                                                        "text/plain",
                                                                        "value",
                                                                        detail + "\n\n" + link)))));
                            case PAGERDUTY ->
                                t.pagerdutyRoutingKey() == null
                                        ? "not configured"
                                        : post(
                                                t.pagerdutyUrl(),
                                                null,
                                                JSON.writeValueAsString(Map.of(
                                                        "routing_key",
                                                        t.pagerdutyRoutingKey(),
                                                        "event_action",
                                                        resolved ? "resolve" : "trigger",
                                                        "dedup_key",
                                                        key,
                                                        "payload",
                                                        Map.of(
                                                                "summary",
                                                                title + ": " + detail,
                                                                "source",
                                                                "omniops",
                                                                "severity",
                                                                "critical",
                                                                "component",
                                                                "platform"))));
                        });
            } catch (RuntimeException e) {
                results.put(channel, "failed: " + e.getMessage());
            }
            if (!"sent".equals(results.get(channel)) && !"not configured".equals(results.get(channel))) {
                log.warn("Alert {} not delivered to {}: {}", key, channel, results.get(channel));
            }
        }
        return results;
    }

    private String post(String url, @org.jspecify.annotations.Nullable String bearer, String json) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            var response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? "sent" : "failed: HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "failed: interrupted";
        } catch (Exception e) {
            return "failed: " + e.getClass().getSimpleName();
        }
    }
}
