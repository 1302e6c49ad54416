package uk.co.omniops.rollout.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.rollout.EffectiveFlag;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.rollout.FeatureSettings;
import uk.co.omniops.rollout.FlagReason;
import uk.co.omniops.rollout.RolloutSettings;
import uk.co.omniops.rollout.RolloutStatus;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * {@link FeatureFlags} through the LaunchDarkly SDK. Starts after every singleton exists (Flyway has run): seeds the
 * flag rows once, then creates the client, streaming from LaunchDarkly with {@code LAUNCHDARKLY_SDK_KEY} or fed from
 * PostgreSQL without. In database mode every replica re-reads the flag table when any replica publishes
 * {@code rollout.changed} (coalesced), and polls as a safety net.
 */
@Component
public class SdkFeatureFlags implements FeatureFlags, SmartInitializingSingleton, DisposableBean {

    public static final LiveUpdate.Kind CHANGED = LiveUpdate.Kind.ROLLOUT_CHANGED;

    private static final Logger log = LoggerFactory.getLogger(SdkFeatureFlags.class);
    private static final Duration CUSTOMER_TTL = Duration.ofMinutes(1);

    private final FeatureSettings env;
    private final RolloutSettings settings;
    private final RolloutStore store;
    private final TenancyManagement tenancy;
    private final LiveUpdates liveUpdates;
    private final Map<CustomerId, CachedCustomer> customers = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "rollout-flags");
        t.setDaemon(true);
        return t;
    });
    private volatile @Nullable FlagEvaluator evaluator;
    private volatile LiveUpdates.@Nullable Registration subscription;

    private record CachedCustomer(Customer customer, Instant until) {}

    SdkFeatureFlags(
            FeatureSettings env,
            RolloutSettings settings,
            RolloutStore store,
            TenancyManagement tenancy,
            LiveUpdates liveUpdates) {
        this.env = env;
        this.settings = settings;
        this.store = store;
        this.tenancy = tenancy;
        this.liveUpdates = liveUpdates;
    }

    @Override
    public void afterSingletonsInstantiated() {
        seed();
        var key = env.launchdarklySdkKey();
        if (key != null && !key.isBlank()) {
            log.info("Feature flags stream from LaunchDarkly (waiting at most {})", settings.startWait());
            evaluator = FlagEvaluator.launchDarkly(key, env, settings.startWait(), null);
        } else {
            evaluator = FlagEvaluator.database(store, env, settings.startWait());
            subscription = liveUpdates.subscribeAll(update -> {
                if (update.is(CHANGED)) {
                    refreshSoon();
                }
            });
            var poll = settings.pollInterval().toMillis();
            executor.scheduleWithFixedDelay(this::refreshSoon, poll, poll, TimeUnit.MILLISECONDS);
            log.info("Feature flags evaluated by the LaunchDarkly SDK from the PostgreSQL flag tables");
        }
        var status = status();
        if (status.note() != null) {
            log.warn("Feature flags: {}", status.note());
        }
    }

    private void seed() {
        try {
            for (var feature : Feature.values()) {
                if (store.seed(feature, settings.initialPercentage(), Set.copyOf(settings.betaCustomers()))) {
                    store.audit(
                            "seed",
                            feature,
                            "seed",
                            null,
                            FlagJson.toJson(store.all().stream()
                                    .filter(f -> f.feature() == feature)
                                    .findFirst()
                                    .orElseThrow()),
                            "initial state: " + settings.initialPercentage() + " %, beta customers whitelisted");
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not seed the flag tables (flags stay off until they can be read): {}", e.getMessage());
        }
    }

    /** Schedules one re-read of the flag tables; calls arriving while one is pending are coalesced. */
    public void refreshSoon() {
        if (refreshPending.compareAndSet(false, true)) {
            executor.execute(() -> {
                refreshPending.set(false);
                refreshNow();
            });
        }
    }

    /** Re-reads the flag tables on the calling thread. */
    public void refreshNow() {
        var e = evaluator;
        if (e != null) {
            try {
                e.refresh();
            } catch (RuntimeException ex) {
                log.warn("Flag refresh failed: {}", ex.toString());
            }
        }
    }

    @Override
    public boolean isEnabled(CustomerId customer, Feature feature) {
        var c = customer(customer);
        return c != null && evaluate(c, feature).enabled();
    }

    public EffectiveFlag evaluate(Customer customer, Feature feature) {
        var e = evaluator;
        if (e == null) {
            return new EffectiveFlag(feature, false, FlagReason.UNAVAILABLE, "starting: safe default off");
        }
        return e.evaluate(customer, feature);
    }

    public RolloutStatus status() {
        var e = evaluator;
        return e == null ? new RolloutStatus("none", false, "INITIALIZING", "starting: every flag off") : e.status();
    }

    public boolean streamingFromLaunchDarkly() {
        var e = evaluator;
        return e != null && FlagEvaluator.SOURCE_LAUNCHDARKLY.equals(e.source());
    }

    /** Announces a change to every replica (data sources) and every customer's open views. */
    public void announce(Iterable<Customer> affected) {
        liveUpdates.publish(LiveUpdate.of(new java.util.UUID(0, 0), CHANGED, null));
        for (var c : affected) {
            liveUpdates.publish(LiveUpdate.of(c.id().value(), CHANGED, null));
        }
    }

    private @Nullable Customer customer(CustomerId id) {
        var cached = customers.get(id);
        var now = Instant.now();
        if (cached != null && cached.until().isAfter(now)) {
            return cached.customer();
        }
        var found = tenancy.customer(id).orElse(null);
        if (found != null) {
            customers.put(id, new CachedCustomer(found, now.plus(CUSTOMER_TTL)));
        }
        return found;
    }

    @Override
    public void destroy() throws Exception {
        var s = subscription;
        if (s != null) {
            s.close();
        }
        executor.shutdownNow();
        var e = evaluator;
        if (e != null) {
            e.close();
        }
    }
}
