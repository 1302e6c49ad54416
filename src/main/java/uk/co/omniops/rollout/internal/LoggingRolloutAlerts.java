package uk.co.omniops.rollout.internal;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.RolloutAlerts;
import uk.co.omniops.rollout.RolloutManagement;

/** The always-on alert: a WARN log line and a {@code rollout.safeguard} live update the admin page shows. */
@Component
class LoggingRolloutAlerts implements RolloutAlerts {

    private static final Logger log = LoggerFactory.getLogger(LoggingRolloutAlerts.class);

    private final LiveUpdates liveUpdates;

    LoggingRolloutAlerts(LiveUpdates liveUpdates) {
        this.liveUpdates = liveUpdates;
    }

    @Override
    public void safeguardTripped(Feature feature, double errorRatePercent, double thresholdPercent, String message) {
        log.warn("Rollout safeguard: {}", message);
        liveUpdates.publish(LiveUpdate.of(new UUID(0, 0), RolloutManagement.SAFEGUARD_KIND, null));
    }
}
