package uk.co.omniops.escalation.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one alert to one channel over HTTP (Slack incoming webhook, SendGrid v3, PagerDuty Events v2) with short
 * timeouts, and says what happened without throwing: the outbox decides about retries.
 */
class ChannelSender {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param permanent true when retrying cannot help (4xx other than 408/429, or the channel is not configured)
     */
    public record Result(boolean sent, boolean permanent, String detail) {

        static Result ok(int status) {
            return new Result(true, false, "HTTP " + status);
        }

        static Result retry(String detail) {
            return new Result(false, false, detail);
        }

        static Result permanent(String detail) {
            return new Result(false, true, detail);
        }
    }

    private final HttpClient http;
    private final Duration readTimeout;

    public ChannelSender(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    public Result send(NotificationChannel channel, Alert alert, NotificationTargets.Targets targets) {
        return switch (channel) {
            case SLACK ->
                targets.slackWebhookUrl() == null
                        ? Result.permanent("Slack webhook URL not configured")
                        : post(targets.slackWebhookUrl(), null, slackPayload(alert));
            case EMAIL ->
                targets.sendgridApiKey() == null || targets.alertEmail() == null
                        ? Result.permanent("SendGrid API key or ALERT_EMAIL not configured")
                        : post(targets.sendgridUrl(), targets.sendgridApiKey(), emailPayload(alert, targets));
            case PAGERDUTY ->
                targets.pagerdutyRoutingKey() == null
                        ? Result.permanent("PagerDuty integration key not configured")
                        : post(targets.pagerdutyUrl(), null, pagerDutyPayload(alert, targets.pagerdutyRoutingKey()));
        };
    }

    static String slackPayload(Alert a) {
        var headline = "[" + a.severity().name() + "] Escalation at " + a.customerName() + ": " + a.reason();
        return JSON.writeValueAsString(Map.of(
                "text", headline + " <" + a.link() + "|Open conversation>",
                "blocks",
                        List.of(
                                Map.of(
                                        "type",
                                        "header",
                                        "text",
                                        Map.of(
                                                "type",
                                                "plain_text",
                                                "text",
                                                cut(severityWord(a) + " escalation · " + a.customerName(), 150))),
                                Map.of(
                                        "type",
                                        "section",
                                        "fields",
                                        List.of(
                                                Map.of(
                                                        "type",
                                                        "mrkdwn",
                                                        "text",
                                                        "*Customer*\n" + slackEscape(a.customerName())),
                                                Map.of(
                                                        "type",
                                                        "mrkdwn",
                                                        "text",
                                                        "*Severity*\n"
                                                                + a.severity().dbValue()),
                                                Map.of(
                                                        "type",
                                                        "mrkdwn",
                                                        "text",
                                                        "*Rule*\n" + slackEscape(a.ruleName())),
                                                Map.of("type", "mrkdwn", "text", "*Opened*\n" + a.openedAt()))),
                                Map.of(
                                        "type",
                                        "section",
                                        "text",
                                        Map.of("type", "mrkdwn", "text", "*Reason*\n" + slackEscape(a.reason()))),
                                Map.of(
                                        "type",
                                        "actions",
                                        "elements",
                                        List.of(Map.of(
                                                "type",
                                                "button",
                                                "text",
                                                Map.of("type", "plain_text", "text", "Open conversation"),
                                                "url",
                                                a.link())))),
                "customer", a.customerSlug(),
                "severity", a.severity().dbValue(),
                "reason", a.reason(),
                "link", a.link()));
    }

    static String emailPayload(Alert a, NotificationTargets.Targets t) {
        var from = t.alertFrom() != null ? t.alertFrom() : t.alertEmail();
        var body = """
                %s escalation at %s

                Reason: %s
                Rule: %s
                Opened: %s

                Open the conversation: %s
                """.formatted(severityWord(a), a.customerName(), a.reason(), a.ruleName(), a.openedAt(), a.link());
        return JSON.writeValueAsString(Map.of(
                "personalizations", List.of(Map.of("to", List.of(Map.of("email", t.alertEmail())))),
                "from", Map.of("email", from, "name", "OmniOps escalations"),
                "subject",
                        cut("[" + a.severity().name() + "] Escalation at " + a.customerName() + ": " + a.reason(), 200),
                "content", List.of(Map.of("type", "text/plain", "value", body))));
    }

    static String pagerDutyPayload(Alert a, String routingKey) {
        return JSON.writeValueAsString(Map.of(
                "routing_key",
                routingKey,
                "event_action",
                "trigger",
                "dedup_key",
                "omniops-escalation-" + a.escalationId(),
                "payload",
                Map.of(
                        "summary",
                        cut("Escalation at " + a.customerName() + ": " + a.reason(), 1024),
                        "source",
                        "omniops/" + a.customerSlug(),
                        "severity",
                        "critical",
                        "component",
                        "escalation",
                        "custom_details",
                        Map.of(
                                "customer",
                                a.customerName(),
                                "rule",
                                a.ruleName(),
                                "reason",
                                a.reason(),
                                "opened_at",
                                a.openedAt().toString())),
                "links",
                List.of(Map.of("href", a.link(), "text", "Open conversation"))));
    }

    private Result post(String url, @org.jspecify.annotations.Nullable String bearer, String json) {
        HttpRequest request;
        try {
            var builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(readTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (bearer != null) {
                builder.header("Authorization", "Bearer " + bearer);
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return Result.permanent("invalid URL");
        }
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Result.ok(status);
            }
            var detail = "HTTP " + status + bodyHint(response.body());
            return status >= 400 && status < 500 && status != 408 && status != 429
                    ? Result.permanent(detail)
                    : Result.retry(detail);
        } catch (HttpTimeoutException e) {
            return Result.retry("timeout: " + e.getMessage());
        } catch (IOException e) {
            return Result.retry("I/O error: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.retry("interrupted");
        }
    }

    private static String bodyHint(@org.jspecify.annotations.Nullable String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        var flat = body.strip().replaceAll("\\s+", " ");
        return " — " + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
    }

    private static String severityWord(Alert a) {
        var name = a.severity().dbValue();
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
