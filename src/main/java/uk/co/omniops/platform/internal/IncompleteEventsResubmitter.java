package uk.co.omniops.platform.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers again, while the application runs, the events whose listener failed (Spring Modulith only does so on
 * restart). Found by {@code bench/faults/redis-down.sh}: when the database pool was exhausted for a few seconds,
 * the {@code MessageReceived} listener that records the analysis job failed, and those messages were never
 * analysed. Publications older than {@code omniops.events.resubmit-after} (default 60 s) are resubmitted every
 * {@code omniops.events.resubmit-interval} (30 s); listeners are idempotent, so a publication that is merely slow,
 * or resubmitted by two replicas at once, does no harm.
 *
 * <p>Old publications, completed or not, are deleted by the retention run ({@link EventPublicationRetention}).
 */
@Component
class IncompleteEventsResubmitter {

    private static final Logger log = LoggerFactory.getLogger(IncompleteEventsResubmitter.class);

    private final IncompleteEventPublications publications;
    private final Duration after;
    private final boolean commandMode;

    IncompleteEventsResubmitter(
            IncompleteEventPublications publications,
            @Value("${omniops.events.resubmit-after:60s}") Duration after,
            @Value("${omniops.command-mode:false}") boolean commandMode) {
        this.publications = publications;
        this.after = after;
        this.commandMode = commandMode;
    }

    @Scheduled(
            fixedDelayString = "${omniops.events.resubmit-interval:30s}",
            initialDelayString = "${omniops.events.resubmit-interval:30s}")
    void resubmit() {
        run(
                "Resubmitting incomplete event publications",
                () -> publications.resubmitIncompletePublicationsOlderThan(after));
    }

    /** Not in command mode; a failure (database unavailable) is logged and the next run tries again. */
    private void run(String what, Runnable work) {
        if (commandMode) {
            return;
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} failed (database unavailable?): {}", what, e.toString());
        }
    }
}
