package uk.co.omniops.platform.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;

/**
 * Local listeners first (lowest latency), then Redis pub/sub for the other replicas; each replica ignores its
 * own messages. Without Redis, or while Redis is down, updates stay on this replica.
 */
@Component
class DefaultLiveUpdates implements LiveUpdates, MessageListener, SmartLifecycle, DisposableBean {

    static final String CHANNEL = "omniops:live-updates";

    private static final Logger log = LoggerFactory.getLogger(DefaultLiveUpdates.class);

    private final String instanceId = UUID.randomUUID().toString();
    private final Map<UUID, Set<Consumer<LiveUpdate>>> listeners = new ConcurrentHashMap<>();
    private final Set<Consumer<LiveUpdate>> allListeners = new CopyOnWriteArraySet<>();
    private final ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();
    private final @Nullable RedisConnectionFactory redis;
    private volatile @Nullable RedisMessageListenerContainer container;
    private volatile boolean destroyed;
    private volatile boolean running;

    DefaultLiveUpdates(ObjectProvider<RedisConnectionFactory> redis) {
        this.redis = redis.getIfAvailable();
        if (this.redis != null && !subscribe(this.redis)) {
            // Redis is down or slow at startup: this replica starts anyway (updates stay local) and subscribes later
            Thread.ofVirtual().name("live-updates-subscriber").start(() -> {
                while (!destroyed && !subscribe(this.redis)) {
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
    }

    /** Subscribes to the other replicas' updates; once subscribed, the container itself recovers from outages. */
    private boolean subscribe(RedisConnectionFactory factory) {
        var c = new RedisMessageListenerContainer();
        try {
            c.setConnectionFactory(factory);
            c.addMessageListener(this, new ChannelTopic(CHANNEL));
            c.setRecoveryInterval(2_000L);
            // the default executor starts a platform thread per received message (thousands a minute under load)
            c.setTaskExecutor(delivery);
            c.afterPropertiesSet();
            c.start();
            container = c;
            if (destroyed) {
                destroy();
            }
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "Not subscribed to other replicas' live updates yet (Redis unavailable), retrying: {}",
                    e.toString());
            try {
                c.destroy();
            } catch (Exception ignored) {
                // nothing was started
            }
            return false;
        }
    }

    /**
     * Inside a transaction the update waits for the commit, merged with the transaction's other updates about the
     * same customer and subject: a message's analysis, the conversation's sentiment, its prediction and an
     * escalation, stored in one unit of work, reach the browsers as one update with four kinds.
     */
    @Override
    public void publish(LiveUpdate update) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(update);
            return;
        }
        var pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.add(update);
    }

    private record Key(UUID customerId, @Nullable UUID subjectId) {}

    /** One transaction's updates, merged per customer and subject, sent after commit. */
    private final class Pending implements TransactionSynchronization {

        private final Map<Key, LiveUpdate> updates = new LinkedHashMap<>();

        void add(LiveUpdate update) {
            updates.merge(new Key(update.customerId(), update.subjectId()), update, LiveUpdate::merge);
        }

        /** A nested {@code REQUIRES_NEW} transaction collects its own updates. */
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(DefaultLiveUpdates.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(DefaultLiveUpdates.this, this);
        }

        @Override
        public void afterCommit() {
            updates.values().forEach(DefaultLiveUpdates.this::send);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(DefaultLiveUpdates.this);
        }
    }

    private void send(LiveUpdate update) {
        deliverLocally(update);
        if (redis == null) {
            return;
        }
        delivery.execute(() -> {
            try (var connection = redis.getConnection()) {
                connection.publish(
                        CHANNEL.getBytes(StandardCharsets.UTF_8), encode(update).getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                log.debug("Live update not sent to other replicas (Redis unavailable): {}", e.getMessage());
            }
        });
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        var text = new String(message.getBody(), StandardCharsets.UTF_8);
        var parts = text.split("\\|", -1);
        if (parts.length != 5 || parts[0].equals(instanceId)) {
            return;
        }
        try {
            var kinds = Arrays.stream(parts[2].split(","))
                    .map(LiveUpdate.Kind::fromWire)
                    .flatMap(Optional::stream)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(LiveUpdate.Kind.class)));
            if (kinds.isEmpty()) {
                return; // only kinds this version does not know
            }
            deliverLocally(new LiveUpdate(
                    UUID.fromString(parts[1]),
                    kinds,
                    parts[3].isEmpty() ? null : UUID.fromString(parts[3]),
                    Instant.ofEpochMilli(Long.parseLong(parts[4]))));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring a malformed live update from Redis");
        }
    }

    private String encode(LiveUpdate u) {
        return instanceId + "|" + u.customerId() + "|"
                + u.kinds().stream().map(LiveUpdate.Kind::wire).collect(Collectors.joining(",")) + "|"
                + (u.subjectId() == null ? "" : u.subjectId()) + "|" + u.at().toEpochMilli();
    }

    private void deliverLocally(LiveUpdate update) {
        var forCustomer = listeners.get(update.customerId());
        if (forCustomer != null) {
            forCustomer.forEach(l -> delivery.execute(() -> safely(l, update)));
        }
        allListeners.forEach(l -> delivery.execute(() -> safely(l, update)));
    }

    private static void safely(Consumer<LiveUpdate> listener, LiveUpdate update) {
        try {
            listener.accept(update);
        } catch (RuntimeException e) {
            log.warn("A live-update listener failed: {}", e.toString());
        }
    }

    @Override
    public Registration subscribe(UUID customerId, Consumer<LiveUpdate> listener) {
        listeners.computeIfAbsent(customerId, k -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> {
            var set = listeners.get(customerId);
            if (set != null) {
                set.remove(listener);
            }
        };
    }

    @Override
    public Registration subscribeAll(Consumer<LiveUpdate> listener) {
        allListeners.add(listener);
        return () -> allListeners.remove(listener);
    }

    @Override
    public int listenerCount() {
        return listeners.values().stream().mapToInt(Set::size).sum() + allListeners.size();
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Unsubscribes after the web server has stopped (phase below its graceful shutdown: browsers get updates until
     * then) and before the Redis connection factory stops (phase 0): destroying the container after the factory had
     * shut its client down failed with a stack trace on every shutdown ("Unable to unsubscribe from subscriptions").
     */
    @Override
    public void stop() {
        running = false;
        destroyed = true;
        var c = container;
        container = null;
        if (c != null) {
            try {
                c.stop();
                c.destroy();
            } catch (Exception e) {
                log.debug("stopping the Redis listener: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 100;
    }

    @Override
    public void destroy() {
        stop();
        delivery.shutdownNow();
    }
}
