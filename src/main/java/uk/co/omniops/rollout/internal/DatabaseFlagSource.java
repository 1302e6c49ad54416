package uk.co.omniops.rollout.internal;

import com.launchdarkly.sdk.server.DataModel;
import com.launchdarkly.sdk.server.interfaces.DataSourceStatusProvider.ErrorInfo;
import com.launchdarkly.sdk.server.interfaces.DataSourceStatusProvider.ErrorKind;
import com.launchdarkly.sdk.server.interfaces.DataSourceStatusProvider.State;
import com.launchdarkly.sdk.server.subsystems.ClientContext;
import com.launchdarkly.sdk.server.subsystems.ComponentConfigurer;
import com.launchdarkly.sdk.server.subsystems.DataSource;
import com.launchdarkly.sdk.server.subsystems.DataSourceUpdateSink;
import com.launchdarkly.sdk.server.subsystems.DataStoreTypes.FullDataSet;
import com.launchdarkly.sdk.server.subsystems.DataStoreTypes.ItemDescriptor;
import com.launchdarkly.sdk.server.subsystems.DataStoreTypes.KeyedItems;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FlagDefinition;

/**
 * Feeds the LaunchDarkly SDK from PostgreSQL instead of LaunchDarkly's stream: a full data set on start, then an
 * upsert for every flag whose version moved whenever {@link #refresh()} is called (on a {@code rollout.changed}
 * live update from any replica, and by the safety-net poll). The SDK evaluates; this class only transports.
 * One instance per {@code LDClient}.
 */
final class DatabaseFlagSource implements ComponentConfigurer<DataSource> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseFlagSource.class);

    private final RolloutStore store;
    private final Map<Feature, FlagDefinition> current = new ConcurrentHashMap<>();
    private volatile @Nullable DataSourceUpdateSink sink;
    private final AtomicBoolean initialized = new AtomicBoolean();

    public DatabaseFlagSource(RolloutStore store) {
        this.store = store;
    }

    @Override
    public DataSource build(ClientContext context) {
        var updates = context.getDataSourceUpdateSink();
        return new DataSource() {
            @Override
            public Future<Void> start() {
                sink = updates;
                refresh();
                // never block the caller: without the database the flags stay at their safe default (off)
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public boolean isInitialized() {
                return initialized.get();
            }

            @Override
            public void close() {
                sink = null;
            }
        };
    }

    /** The definitions last pushed to the SDK (for explanations such as "in the 30 % bucket"). */
    public Map<Feature, FlagDefinition> current() {
        return Map.copyOf(current);
    }

    /** Re-reads the flag table and pushes what changed; the first successful read initialises the SDK. */
    public synchronized void refresh() {
        var updates = sink;
        if (updates == null) {
            return;
        }
        List<FlagDefinition> flags;
        try {
            flags = store.all();
        } catch (RuntimeException e) {
            log.warn("Flag store unreadable, keeping last-known flags: {}", e.getMessage());
            updates.updateStatus(
                    initialized.get() ? State.INTERRUPTED : State.INITIALIZING,
                    ErrorInfo.fromException(ErrorKind.UNKNOWN, e));
            return;
        }
        if (initialized.compareAndSet(false, true)) {
            var items = flags.stream()
                    .map(f -> (Map.Entry<String, ItemDescriptor>)
                            new AbstractMap.SimpleEntry<>(f.feature().key(), FlagJson.toItem(f)))
                    .toList();
            updates.init(new FullDataSet<>(List.of(
                    new AbstractMap.SimpleEntry<>(DataModel.FEATURES, new KeyedItems<>(items)),
                    new AbstractMap.SimpleEntry<>(DataModel.SEGMENTS, new KeyedItems<ItemDescriptor>(List.of())))));
            flags.forEach(f -> current.put(f.feature(), f));
        } else {
            for (var f : flags) {
                var known = current.get(f.feature());
                if (known == null || known.version() != f.version()) {
                    updates.upsert(DataModel.FEATURES, f.feature().key(), FlagJson.toItem(f));
                    current.put(f.feature(), f);
                }
            }
        }
        updates.updateStatus(State.VALID, null);
    }
}
