package uk.co.omniops.escalation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Default escalation thresholds (on the 0–1 sentiment scale) and the notification channels. A channel
 * without its setting is simply off.
 *
 * @param sendgridUrl SendGrid v3 mail endpoint ({@code omniops.escalation.sendgrid-url}; tests point it at a stub)
 * @param pagerdutyUrl PagerDuty Events API v2 endpoint ({@code omniops.escalation.pagerduty-url})
 * @param alertFrom the sender of alert e-mails (a SendGrid-verified address); defaults to {@code alertEmail}
 */
@Validated
@ConfigurationProperties("omniops.escalation")
public record EscalationSettings(
        @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.3")
        double sentimentThreshold,

        @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.7")
        double confidenceThreshold,

        @Nullable String slackWebhookUrl,
        @Nullable String sendgridApiKey,
        @Nullable @Email String alertEmail,
        @Nullable String pagerdutyIntegrationKey,

        @NotBlank @DefaultValue("https://api.sendgrid.com/v3/mail/send")
        String sendgridUrl,

        @NotBlank @DefaultValue("https://events.pagerduty.com/v2/enqueue")
        String pagerdutyUrl,

        @Nullable @Email String alertFrom) {}
