package uk.co.omniops.insight;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * @param extractionSchedule Unix cron ({@code INSIGHTS_EXTRACTION_SCHEDULE}, five fields) or Spring cron (six)
 * @param batchProcessingInterval how often aggregates are refreshed ({@code BATCH_PROCESSING_INTERVAL}, ms)
 */
@Validated
@ConfigurationProperties("omniops.insights")
public record InsightSettings(
        @NotBlank @DefaultValue("0 */6 * * *") String extractionSchedule,
        @DefaultValue("300000ms") Duration batchProcessingInterval) {

    public InsightSettings {
        springCron(extractionSchedule); // fails binding with a clear message when malformed
    }

    /** The schedule as Spring's six-field cron (seconds first). */
    public String springCron() {
        return springCron(extractionSchedule);
    }

    private static String springCron(String cron) {
        var fields = cron.trim().split("\\s+");
        var spring = fields.length == 5 ? "0 " + cron.trim() : cron.trim();
        if (!CronExpression.isValidExpression(spring)) {
            throw new IllegalArgumentException("INSIGHTS_EXTRACTION_SCHEDULE is not a valid cron expression: " + cron);
        }
        return spring;
    }
}
