package uk.co.omniops.escalation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Default escalation thresholds (on the 0–1 sentiment scale) and the notification channels. A channel
 * without its setting is simply off.
 */
@Validated
@ConfigurationProperties("omniops.escalation")
public record EscalationSettings(
        @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.3") double sentimentThreshold,
        @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.7") double confidenceThreshold,
        @Nullable String slackWebhookUrl,
        @Nullable String sendgridApiKey,
        @Nullable @Email String alertEmail,
        @Nullable String pagerdutyIntegrationKey) {}
