package uk.co.omniops.platform;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Fans changes out to every browser that shows them: on this replica directly, on other replicas through
 * Redis pub/sub (when Redis is configured). Delivery is best effort and at most once: a view that misses
 * an update still shows the truth on its next read.
 */
public interface LiveUpdates {

    /** Publishes after the caller's transaction commits (immediately when there is none). */
    void publish(LiveUpdate update);

    /**
     * Listens to one customer's updates. Listeners are called on a background thread; Vaadin views must use
     * {@code ui.access(…)} and remove the registration in {@code onDetach}.
     */
    Registration subscribe(UUID customerId, Consumer<LiveUpdate> listener);

    /** Listens to every customer's updates (platform views such as the admin rollout page). */
    Registration subscribeAll(Consumer<LiveUpdate> listener);

    /** Listeners registered on this replica (leak checks: views must unsubscribe on detach). */
    int listenerCount();

    /** Removes a listener; idempotent. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
