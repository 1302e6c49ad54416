package uk.co.omniops.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long bookkeeping rows are kept before the hourly retention run (once per cluster) deletes them. Work still to
 * be done is never deleted: queued or running jobs, pending notifications.
 *
 * @param jobs finished jobs ({@code done}, {@code failed}, {@code dead}) after their last change; a failed job older
 *     than this can no longer be re-run by {@code requeue-failed-jobs}
 * @param aiUsage the external-AI cost ledger (13 months by default: a year against the year before)
 * @param escalationNotifications sent or given-up escalation notifications
 * @param completedEvents completed Spring Modulith event publications
 * @param incompleteEvents event publications whose listener has failed ever since (resubmitted every 30 s meanwhile);
 *     deleted with a warning naming the event type and listener
 * @param interval how often the run starts
 */
@ConfigurationProperties("omniops.retention")
public record RetentionSettings(
        @DefaultValue("14d") Duration jobs,
        @DefaultValue("400d") Duration aiUsage,
        @DefaultValue("90d") Duration escalationNotifications,
        @DefaultValue("7d") Duration completedEvents,
        @DefaultValue("30d") Duration incompleteEvents,
        @DefaultValue("1h") Duration interval) {}
