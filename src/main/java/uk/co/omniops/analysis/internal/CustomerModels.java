package uk.co.omniops.analysis.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.AnalysisSettings;
import uk.co.omniops.analysis.model.CustomerAdapter;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Each customer's {@link CustomerAdapter}: loaded lazily from {@code customer_models}, cached per replica,
 * persisted after every correction. Other replicas drop their copy when the {@code model.adapted} live update
 * arrives, and never keep one longer than {@code omniops.analysis.adapter-cache-ttl} (updates are best effort).
 * Two replicas correcting the same customer at the same instant: the later write wins (a lost correction only
 * weakens adaptation; the correction itself stays in {@code analysis_corrections}).
 */
@Component
public class CustomerModels implements DisposableBean {

    static final LiveUpdate.Kind ADAPTED = LiveUpdate.Kind.MODEL_ADAPTED;

    private static final Logger log = LoggerFactory.getLogger(CustomerModels.class);

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final LiveUpdates liveUpdates;
    private final Duration ttl;
    private final Map<CustomerId, Cached> cache = new ConcurrentHashMap<>();
    private final LiveUpdates.Registration registration;

    CustomerModels(
            JdbcClient jdbc, TenantTransactions transactions, LiveUpdates liveUpdates, AnalysisSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.liveUpdates = liveUpdates;
        this.ttl = settings.adapterCacheTtl();
        this.registration = liveUpdates.subscribeAll(update -> {
            if (update.is(ADAPTED)) {
                var customer = new CustomerId(update.customerId());
                var cached = cache.get(customer);
                // our own update arrives too: keep the copy we just saved
                if (cached != null && cached.savedAt() < update.at().toEpochMilli() - 1) {
                    cache.remove(customer);
                }
            }
        });
    }

    /** The customer's adapter (an empty one before the first correction); never null. */
    public CustomerAdapter adapter(CustomerId customer) {
        var cached = cache.get(customer);
        if (cached != null && System.nanoTime() - cached.loadedNanos() < ttl.toNanos()) {
            return cached.adapter();
        }
        var loaded = transactions
                .readInTenant(
                        customer,
                        () -> jdbc.sql("select adapter from customer_models where customer_id = ?")
                                .param(customer.value())
                                .query(byte[].class)
                                .optional())
                .map(bytes -> decode(customer, bytes))
                .orElseGet(CustomerAdapter::new);
        cache.put(customer, new Cached(loaded, System.nanoTime(), System.currentTimeMillis()));
        return loaded;
    }

    private static CustomerAdapter decode(CustomerId customer, byte[] bytes) {
        try {
            return CustomerAdapter.fromBytes(bytes);
        } catch (RuntimeException e) {
            log.error(
                    "The stored adapter of customer {} cannot be read ({}); starting from an empty one",
                    customer,
                    e.toString());
            return new CustomerAdapter();
        }
    }

    /** Saves the adapter (inside the caller's tenant transaction) and tells the other replicas after commit. */
    void save(CustomerId customer, CustomerAdapter adapter) {
        jdbc.sql("""
                insert into customer_models (customer_id, adapter, corrections, sentiment_accuracy, category_accuracy)
                values (?, ?, ?, ?, ?)
                on conflict (customer_id) do update
                   set adapter = excluded.adapter, corrections = excluded.corrections,
                       sentiment_accuracy = excluded.sentiment_accuracy, category_accuracy = excluded.category_accuracy,
                       updated_at = now()""")
                .params(
                        customer.value(),
                        adapter.toBytes(),
                        (int) adapter.corrections(),
                        AnalysisStore.nanToNull(adapter.sentimentPrequentialAccuracy()),
                        AnalysisStore.nanToNull(adapter.categoryPrequentialAccuracy()))
                .update();
        cache.put(customer, new Cached(adapter, System.nanoTime(), System.currentTimeMillis() + 1));
        liveUpdates.publish(LiveUpdate.of(customer.value(), ADAPTED, null));
    }

    /** Drops this replica's copy (tests, rollbacks). */
    void evict(CustomerId customer) {
        cache.remove(customer);
    }

    @Override
    public void destroy() {
        registration.close();
    }

    private record Cached(CustomerAdapter adapter, long loadedNanos, long savedAt) {}
}
