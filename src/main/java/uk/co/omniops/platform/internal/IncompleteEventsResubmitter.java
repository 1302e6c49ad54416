package uk.co.omniops.platform.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
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
 * <p>It also deletes completed publications older than {@code omniops.events.keep-completed} (default 7 days) every
 * hour: Spring Modulith keeps them, five or six rows per message, and an ever-growing {@code event_publication}
 * table slows every lookup of the incomplete ones (at startup, on shutdown, here).
 */
@Component
class IncompleteEventsResubmitter {

    private static final Logger log = LoggerFactory.getLogger(IncompleteEventsResubmitter.class);

    private final IncompleteEventPublications publications;
    private final CompletedEventPublications completed;
    private final Duration after;
    private final Duration keepCompleted;
    private final boolean commandMode;

    IncompleteEventsResubmitter(IncompleteEventPublications publications, CompletedEventPublications completed,
            @Value("${omniops.events.resubmit-after:60s}") Duration after,
            @Value("${omniops.events.keep-completed:7d}") Duration keepCompleted,
            @Value("${omniops.command-mode:false}") boolean commandMode) {
        this.publications = publications;
        this.completed = completed;
        this.after = after;
        this.keepCompleted = keepCompleted;
        this.commandMode = commandMode;
    }

    /** Every replica may run it: deleting what is already gone does nothing. */
    @Scheduled(fixedDelayString = "${omniops.events.purge-interval:1h}", initialDelayString = "${omniops.events.purge-interval:1h}")
    void purgeCompleted() {
        run("Deleting completed event publications", () -> completed.deletePublicationsOlderThan(keepCompleted));
    }

    @Scheduled(fixedDelayString = "${omniops.events.resubmit-interval:30s}", initialDelayString = "${omniops.events.resubmit-interval:30s}")
    void resubmit() {
        run("Resubmitting incomplete event publications", () -> publications.resubmitIncompletePublicationsOlderThan(after));
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
