package uk.co.omniops.ops.internal;

import java.util.Set;
import uk.co.omniops.escalation.OperationalAlerts.Channel;

/**
 * The seed's three alert rules and ours for Redis, and where each one notifies. Redis unavailable does not page:
 * the product keeps working without it (degraded), but someone should restore it within the working day.
 */
enum AlertRule {
    ERROR_RATE("Error rate", Set.of(Channel.PAGERDUTY, Channel.SLACK)),
    ML_AVAILABILITY("ML API availability", Set.of(Channel.PAGERDUTY, Channel.SLACK)),
    ML_DAILY_COST("Daily ML cost", Set.of(Channel.SLACK, Channel.EMAIL)),
    REDIS_UNAVAILABLE("Redis unavailable", Set.of(Channel.SLACK, Channel.EMAIL));

    private final String title;
    private final Set<Channel> channels;

    AlertRule(String title, Set<Channel> channels) {
        this.title = title;
        this.channels = channels;
    }

    String title() {
        return title;
    }

    Set<Channel> channels() {
        return channels;
    }

    String key() {
        return "omniops-" + name().toLowerCase().replace('_', '-');
    }
}
