package uk.co.omniops.ops.internal;

import java.util.Set;
import org.springframework.stereotype.Component;
import uk.co.omniops.escalation.OperationalAlerts;
import uk.co.omniops.escalation.OperationalAlerts.Channel;
import uk.co.omniops.platform.PlatformSettings;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.RolloutAlerts;

/** Tells the admins on Slack and by e-mail when a safeguard paused a scheduled ramp. */
@Component
class NotifyingRolloutAlerts implements RolloutAlerts {

    private final OperationalAlerts alerts;
    private final String link;

    NotifyingRolloutAlerts(OperationalAlerts alerts, PlatformSettings platform) {
        this.alerts = alerts;
        this.link = platform.appUrl().replaceAll("/+$", "") + "/admin/rollout";
    }

    @Override
    public void safeguardTripped(Feature feature, double errorRatePercent, double thresholdPercent, String message) {
        alerts.send(
                "omniops-rollout-" + feature.key(),
                "Rollout of " + feature.key() + " paused",
                message,
                link,
                Set.of(Channel.SLACK, Channel.EMAIL),
                false);
    }
}
