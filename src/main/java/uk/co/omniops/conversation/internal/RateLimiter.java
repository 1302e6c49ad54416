package uk.co.omniops.conversation.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per API key, in this replica's memory: with N replicas behind a load balancer a key may get
 * up to N times its limit. Accepted for now (the limit protects each replica, not a billing quota); a shared
 * limit would move the buckets to Redis.
 */
final class RateLimiter {

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    /** @return 0 when the request may proceed, else the whole seconds to wait before the next token */
    long acquire(UUID key, ApiSettings.Limit limit) {
        return buckets.computeIfAbsent(key, k -> new Bucket(limit.burst())).take(limit, System.nanoTime());
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int burst) {
            this.tokens = burst;
        }

        synchronized long take(ApiSettings.Limit limit, long now) {
            tokens = Math.min(limit.burst(), tokens + (now - refilledAt) / 1e9 * limit.perSecond());
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
        }
    }
}
