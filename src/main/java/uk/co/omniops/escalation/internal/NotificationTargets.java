package uk.co.omniops.escalation.internal;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import uk.co.omniops.escalation.EscalationSettings;
import uk.co.omniops.escalation.Severity;

/**
 * Where notifications go, read on every send: starts from {@link EscalationSettings}; integration tests re-point it
 * at a local stub at runtime ({@link #use}) so all test classes keep one shared Spring context.
 */
@Component
public class NotificationTargets {

    /** @param slackWebhookUrl complete incoming-webhook URL; null = Slack off */
    public record Targets(
            @Nullable String slackWebhookUrl,
            @Nullable String sendgridApiKey,
            @Nullable String alertEmail,
            @Nullable String alertFrom,
            String sendgridUrl,
            @Nullable String pagerdutyRoutingKey,
            String pagerdutyUrl) {}

    private final Targets configured;
    private volatile Targets current;

    NotificationTargets(EscalationSettings settings) {
        this.configured = new Targets(
                blankToNull(settings.slackWebhookUrl()),
                blankToNull(settings.sendgridApiKey()),
                blankToNull(settings.alertEmail()),
                blankToNull(settings.alertFrom()),
                settings.sendgridUrl(),
                blankToNull(settings.pagerdutyIntegrationKey()),
                settings.pagerdutyUrl());
        this.current = configured;
    }

    public Targets current() {
        return current;
    }

    /** Test hook: replaces the targets until {@link #reset()}. */
    public void use(Targets targets) {
        this.current = targets;
    }

    public void reset() {
        this.current = configured;
    }

    /** The channels an escalation of this severity goes to now (PagerDuty for critical only). */
    public Set<NotificationChannel> channelsFor(Severity severity) {
        var t = current;
        var channels = EnumSet.noneOf(NotificationChannel.class);
        if (t.slackWebhookUrl() != null) {
            channels.add(NotificationChannel.SLACK);
        }
        if (t.sendgridApiKey() != null && t.alertEmail() != null) {
            channels.add(NotificationChannel.EMAIL);
        }
        if (t.pagerdutyRoutingKey() != null && severity == Severity.CRITICAL) {
            channels.add(NotificationChannel.PAGERDUTY);
        }
        return channels;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
