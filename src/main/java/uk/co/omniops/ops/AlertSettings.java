package uk.co.omniops.ops;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The seed's three alert rules and the Redis rule, evaluated in-app from the live meters (for deployments without Datadog; the
 * same rules exist as Datadog monitors in {@code deploy/datadog/monitors}).
 *
 * @param errorRatePercent error rate over {@code errorRateWindow} that fires the first rule (seed: 1 % for 5 min)
 * @param minimumRequests below this many API requests in the window the error rate is not judged (noise)
 * @param availability ML API availability below this for {@code availabilityWindow} fires the second rule (95 %, 2 min)
 * @param mlDailyBudgetUsd the daily AI budget; the third rule fires above {@code costPercentOfBudget} of it for {@code costWindow}
 * @param redisWindow Redis unanswering for this long fires the fourth rule (ours, not the seed's: Redis is not a
 *     readiness check, so this alert is how operators learn of an outage)
 */
@Validated
@ConfigurationProperties("omniops.alerts")
public record AlertSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("15s") Duration evaluationInterval,
        @DecimalMin("0") @DefaultValue("1.0") double errorRatePercent,
        @DefaultValue("5m") Duration errorRateWindow,
        @Positive @DefaultValue("20") int minimumRequests,
        @DecimalMin("0") @DefaultValue("0.95") double availability,
        @DefaultValue("2m") Duration availabilityWindow,
        @DecimalMin("0") @DefaultValue("100") double mlDailyBudgetUsd,
        @DecimalMin("0") @DefaultValue("200") double costPercentOfBudget,
        @DefaultValue("1h") Duration costWindow,
        @DefaultValue("1m") Duration redisWindow) {}
