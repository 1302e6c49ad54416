package uk.co.omniops.platform.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.RateLimits;

/**
 * {@link RateLimits} on Bucket4j. With Redis, one bucket per key in Redis (compare-and-swap through Lettuce, keys
 * {@code omniops:ratelimit:<limit>:<key>}, expiring once full again), so three replicas share one budget. When Redis
 * does not answer (or {@code omniops.redis.mode=none}) the replica falls back to buckets in its own memory for
 * {@link #REDIS_RETRY}, then tries Redis again: limits keep working during an outage, each replica counting on its
 * own (at most replicas × the limit), and a dead Redis costs one failed call per {@code REDIS_RETRY}, not one per
 * request.
 */
@Component
public class BucketRateLimits implements RateLimits, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BucketRateLimits.class);

    static final Duration REDIS_RETRY = Duration.ofSeconds(10);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    private static final int MAX_LOCAL_BUCKETS = 100_000;

    private final ObjectProvider<LettuceConnectionFactory> redis;
    private final MeterRegistry meters;
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Counter fallbacks;
    /** While true, Redis is not tried before {@link #redisRetryAt} (System.nanoTime()). */
    private volatile boolean redisDown;

    private volatile long redisRetryAt;

    private volatile @Nullable ProxyManager<byte[]> buckets;
    /** The Lettuce client {@link #buckets} was built on: a connection factory stopped and started again has a new one. */
    private volatile @Nullable Object bucketsClient;

    BucketRateLimits(ObjectProvider<LettuceConnectionFactory> redis, MeterRegistry meters) {
        this.redis = redis;
        this.meters = meters;
        this.fallbacks = Counter.builder("omniops.ratelimit.local_fallbacks")
                .description("Rate-limit checks answered from this replica's memory because Redis did not answer")
                .register(meters);
    }

    /** Buckets in this process's memory only, as without Redis. */
    public static RateLimits inProcess() {
        return new BucketRateLimits(
                new StaticListableBeanFactory().getBeanProvider(LettuceConnectionFactory.class),
                new SimpleMeterRegistry());
    }

    @Override
    public Decision tryAcquire(Limit limit, String key) {
        var probe = probe(limit, key, true);
        if (probe.isConsumed()) {
            return Decision.ALLOWED;
        }
        refused.computeIfAbsent(
                        limit.name(),
                        name -> Counter.builder("omniops.ratelimit.refused")
                                .description("Requests refused by a rate limit")
                                .tag("limit", name)
                                .register(meters))
                .increment();
        return Decision.refused(probe.getNanosToWaitForRefill());
    }

    @Override
    public Decision check(Limit limit, String key) {
        var probe = probe(limit, key, false);
        return probe.isConsumed() ? Decision.ALLOWED : Decision.refused(probe.getNanosToWaitForRefill());
    }

    private ConsumptionProbe probe(Limit limit, String key, boolean take) {
        var id = "omniops:ratelimit:" + limit.name() + ":" + key;
        var shared = sharedBuckets();
        if (shared != null) {
            try {
                return probe(
                        shared.builder().build(id.getBytes(StandardCharsets.UTF_8), () -> configuration(limit)), take);
            } catch (RuntimeException e) {
                redisFailed(e);
            }
        }
        fallbacks.increment();
        if (local.size() >= MAX_LOCAL_BUCKETS) {
            local.clear(); // a flood of distinct keys: forget them all rather than grow without bound
        }
        return probe(
                local.computeIfAbsent(
                        id,
                        k -> Bucket.builder()
                                .addLimit(l ->
                                        l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                                .build()),
                take);
    }

    private static ConsumptionProbe probe(Bucket bucket, boolean take) {
        if (take) {
            return bucket.tryConsumeAndReturnRemaining(1);
        }
        // "could be consumed", in the shape of a probe (nothing is taken)
        var estimate = bucket.estimateAbilityToConsume(1);
        return estimate.canBeConsumed()
                ? ConsumptionProbe.consumed(0, 0)
                : ConsumptionProbe.rejected(0, estimate.getNanosToWaitForRefill(), 0);
    }

    private static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build();
    }

    private @Nullable ProxyManager<byte[]> sharedBuckets() {
        if (waitingForRedis()) {
            return null;
        }
        var factory = redis.getIfAvailable();
        if (factory == null) {
            return null;
        }
        Object client;
        try {
            client = factory.getNativeClient();
        } catch (RuntimeException e) { // the factory is stopped or destroyed
            redisFailed(e);
            return null;
        }
        var current = buckets;
        if (current != null && client == bucketsClient) {
            return current;
        }
        synchronized (this) {
            if ((buckets == null || client != bucketsClient) && !waitingForRedis()) {
                try {
                    if (!(client instanceof RedisClient redisClient)) {
                        throw new IllegalStateException("Redis is not a standalone client");
                    }
                    // a factory stopped and started again (a paused context, a checkpoint) shut the old client down
                    buckets = Bucket4jLettuce.casBasedBuilder(redisClient)
                            .requestTimeout(REDIS_TIMEOUT)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                    Duration.ofSeconds(10)))
                            .build();
                    bucketsClient = redisClient;
                } catch (RuntimeException e) {
                    redisFailed(e);
                }
            }
            return client == bucketsClient ? buckets : null;
        }
    }

    private boolean waitingForRedis() {
        return redisDown && System.nanoTime() - redisRetryAt < 0;
    }

    private void redisFailed(RuntimeException e) {
        if (!waitingForRedis()) {
            log.warn(
                    "rate limits fall back to this replica's memory for {} s: Redis did not answer ({})",
                    REDIS_RETRY.toSeconds(),
                    e.toString());
        }
        redisRetryAt = System.nanoTime() + REDIS_RETRY.toNanos();
        redisDown = true;
        // the proxy manager stays: its Lettuce connection reconnects by itself once Redis is back
    }

    @Override
    public void destroy() {
        buckets = null;
    }
}
