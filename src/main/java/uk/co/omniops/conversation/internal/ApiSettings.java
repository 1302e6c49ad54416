package uk.co.omniops.conversation.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ingestion API's limits ({@code omniops.api.*}).
 *
 * @param rateLimit per API key: sustained requests per second and burst (token bucket)
 * @param maxBodyBytes larger request bodies are answered with 413
 * @param keyFailuresPerAddressPerMinute unknown or revoked keys one client address may send before it gets 429 without
 *     a lookup (issue 21, finding 7)
 */
@ConfigurationProperties("omniops.api")
record ApiSettings(
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("65536") int maxBodyBytes,
        @DefaultValue("20") int keyFailuresPerAddressPerMinute) {

    /**
     * @param overrides per key name (e.g. a test key, or one customer's integration that needs more)
     */
    public record RateLimit(
            @DefaultValue("50") double perSecond,
            @DefaultValue("500") int burst,
            @Nullable Map<String, Limit> overrides) {

        public RateLimit {
            overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        }

        Limit forKey(String keyName) {
            return overrides.getOrDefault(keyName, new Limit(perSecond, burst));
        }
    }

    public record Limit(double perSecond, int burst) {}
}
