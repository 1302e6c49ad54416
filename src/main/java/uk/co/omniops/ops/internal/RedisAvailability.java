package uk.co.omniops.ops.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.co.omniops.ops.OmniOpsMetrics;

/**
 * Whether Redis answers, checked in the background every {@code omniops.redis.check-interval} (5 s) and published
 * as the gauge {@code omniops.redis.available} (1/0), which the in-app alert rule {@code REDIS_UNAVAILABLE} and the
 * readiness body read. Redis is deliberately no readiness check: without it jobs run in-process and live updates
 * stay on their replica (docs/fault-tests.md, "Redis down"), so draining every pod would turn a degradation into an
 * outage. Readiness reads the last result instead of pinging, so a Redis host that drops packets (a connect that
 * hangs until Lettuce's timeout) can never make the probe itself time out.
 */
@Component
class RedisAvailability {

    private static final Logger log = LoggerFactory.getLogger(RedisAvailability.class);

    /** The last check's result; {@code error} is null while Redis answers. */
    record State(boolean available, @Nullable String error) {

        Map<String, Object> asCheck() {
            var check = new LinkedHashMap<String, Object>();
            check.put("status", error == null ? "UP" : "DEGRADED");
            if (error != null) {
                check.put("error", error);
                check.put(
                        "impact",
                        "jobs run in-process on each replica; live updates reach only this replica's browsers");
            }
            return check;
        }
    }

    private final ObjectProvider<RedisConnectionFactory> redis;
    private final boolean commandMode;
    private final AtomicReference<State> state = new AtomicReference<>(new State(true, null));

    RedisAvailability(
            ObjectProvider<RedisConnectionFactory> redis,
            MeterRegistry registry,
            @Value("${omniops.command-mode:false}") boolean commandMode) {
        this.redis = redis;
        this.commandMode = commandMode;
        if (redis.getIfAvailable() != null) { // omniops.redis.mode=none: no Redis, nothing to report
            Gauge.builder(OmniOpsMetrics.REDIS_AVAILABLE, state, s -> s.get().available() ? 1 : 0)
                    .description("1 while Redis answers a PING, 0 while it does not (not a readiness check)")
                    .register(registry);
        }
    }

    /** Empty when the application runs without Redis at all. */
    @Nullable
    State state() {
        return redis.getIfAvailable() == null ? null : state.get();
    }

    @Scheduled(
            fixedDelayString = "${omniops.redis.check-interval:5s}",
            initialDelayString = "${omniops.redis.check-interval:5s}")
    void scheduled() {
        if (!commandMode) {
            check();
        }
    }

    State check() {
        var factory = redis.getIfAvailable();
        if (factory == null) {
            return state.get();
        }
        State next;
        try (var connection = factory.getConnection()) {
            connection.ping();
            next = new State(true, null);
        } catch (RuntimeException e) {
            var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            next = new State(false, message.lines().findFirst().orElse(message));
        }
        var previous = state.getAndSet(next);
        if (previous.available() != next.available()) {
            if (next.available()) {
                log.info("Redis answers again");
            } else {
                log.warn("Redis does not answer ({}): jobs run in-process, the pod stays ready", next.error());
            }
        }
        return next;
    }
}
