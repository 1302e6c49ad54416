package uk.co.omniops.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;

/**
 * Applies live updates to one browser tab without a backlog. Updates are delivered on background threads, often
 * several per message (received, analysed, suggestions, prediction); handing each to {@link UI#access} queues one
 * redraw per update under the session lock, and a busy customer then outruns the tab: every redraw waits for all
 * the ones before it. Here the updates that arrive while a redraw is queued or running are merged into the next one
 * ({@code handler} gets them all at once, in arrival order), and redraws are at least {@code minInterval} apart.
 * That gap matters: Vaadin pushes when the session lock is released, and the thread holding it runs every access
 * queued meanwhile first, so redraws queued back to back keep the browser waiting for all of them.
 *
 * <p>A view subscribes while it is attached with {@link #whileAttached}:
 * <pre>{@code
 * LiveRefresh.whileAttached(this, liveUpdates, customer.value(), Duration.ofMillis(500),
 *         update -> true, updates -> refreshList());
 * }</pre>
 */
public final class LiveRefresh {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("live-refresh-timer").factory());

    /** From an update's publication to the start of the redraw that applies it (the oldest of a merged batch). */
    private static final Timer LAG = Timer.builder("omniops.ui.live_update.lag")
            .description("Live update published until a browser tab starts redrawing for it")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(Metrics.globalRegistry);

    private static final Timer REDRAW = Timer.builder("omniops.ui.live_update.redraw")
            .description("Server-side redraw of a browser tab for merged live updates")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(Metrics.globalRegistry);

    private final UI ui;
    private final long minIntervalNanos;
    private final Consumer<List<LiveUpdate>> handler;
    private final ConcurrentLinkedQueue<LiveUpdate> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastRun = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile boolean closed;

    /**
     * @param handler runs inside {@code ui.access} with the merged updates (never empty)
     */
    public LiveRefresh(UI ui, Duration minInterval, Consumer<List<LiveUpdate>> handler) {
        this.ui = ui;
        this.minIntervalNanos = minInterval.toNanos();
        this.handler = handler;
    }

    /**
     * Subscribes a view to one customer's live updates from each attach to the next detach, through a
     * {@code LiveRefresh} per attach: the subscribe/unsubscribe pair every live view needs, so that none leaks a
     * listener (views must unsubscribe on detach) or applies updates one {@code ui.access} at a time.
     *
     * @param relevant runs on the delivering thread for every update of the customer; only those it accepts redraw
     * @param handler runs inside {@code ui.access} with the merged relevant updates (never empty)
     * @return removes the subscription and the attach and detach listeners
     */
    public static Registration whileAttached(
            Component view,
            LiveUpdates liveUpdates,
            UUID customerId,
            Duration minInterval,
            Predicate<LiveUpdate> relevant,
            Consumer<List<LiveUpdate>> handler) {
        return whileAttached(
                view, listener -> liveUpdates.subscribe(customerId, listener), minInterval, relevant, handler);
    }

    /**
     * As {@link #whileAttached(Component, LiveUpdates, UUID, Duration, Predicate, Consumer)} for every customer's
     * updates: the platform admins' pages, which span customers.
     */
    public static Registration whileAttachedToAllCustomers(
            Component view,
            LiveUpdates liveUpdates,
            Duration minInterval,
            Predicate<LiveUpdate> relevant,
            Consumer<List<LiveUpdate>> handler) {
        return whileAttached(view, liveUpdates::subscribeAll, minInterval, relevant, handler);
    }

    private static Registration whileAttached(
            Component view,
            Function<Consumer<LiveUpdate>, LiveUpdates.Registration> subscription,
            Duration minInterval,
            Predicate<LiveUpdate> relevant,
            Consumer<List<LiveUpdate>> handler) {
        var current = new AtomicReference<LiveUpdates.@Nullable Registration>();
        Consumer<UI> subscribe = ui -> {
            var refresh = new LiveRefresh(ui, minInterval, handler);
            var registration = subscription.apply(update -> {
                if (relevant.test(update)) {
                    refresh.offer(update);
                }
            });
            closeQuietly(current.getAndSet(() -> {
                registration.close();
                refresh.close();
            }));
        };
        var onAttach = view.addAttachListener(e -> subscribe.accept(e.getUI()));
        var onDetach = view.addDetachListener(e -> closeQuietly(current.getAndSet(null)));
        if (view.isAttached()) {
            view.getUI().ifPresent(subscribe);
        }
        return () -> {
            onAttach.remove();
            onDetach.remove();
            closeQuietly(current.getAndSet(null));
        };
    }

    private static void closeQuietly(LiveUpdates.@Nullable Registration registration) {
        if (registration != null) {
            registration.close();
        }
    }

    /** Called by the live-update subscription, on any thread. */
    public void offer(LiveUpdate update) {
        if (closed) {
            return;
        }
        pending.add(update);
        if (scheduled.compareAndSet(false, true)) {
            var wait = lastRun + minIntervalNanos - System.nanoTime();
            if (wait > 0) {
                TIMER.schedule(() -> Thread.startVirtualThread(this::flush), wait, TimeUnit.NANOSECONDS);
            } else {
                Thread.startVirtualThread(this::flush);
            }
        }
    }

    /** No more redraws (the view detached). */
    public void close() {
        closed = true;
        pending.clear();
    }

    private void flush() {
        try {
            ui.access(() -> {
                // a redraw is starting: updates from now on need another one
                scheduled.set(false);
                lastRun = System.nanoTime();
                var updates = new ArrayList<LiveUpdate>();
                for (LiveUpdate u; (u = pending.poll()) != null; ) {
                    updates.add(u);
                }
                if (!updates.isEmpty() && !closed) {
                    var started = System.nanoTime();
                    LAG.record(Duration.between(updates.getFirst().at(), java.time.Instant.now()));
                    handler.accept(updates);
                    REDRAW.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
            });
        } catch (UIDetachedException e) {
            // the browser went away; the view's onDetach closes this
            close();
            scheduled.set(false);
        }
    }
}
