package uk.co.omniops.ops.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.co.omniops.rollout.RolloutManagement;

/**
 * The probes Kubernetes calls. Liveness says only that the process answers (a database outage must not
 * restart every pod); readiness checks what a request cannot do without (database, migrations) and names the one
 * that fails. Redis is reported but never fails readiness: without it the product degrades (jobs in-process, live
 * updates per replica) instead of stopping, and a Redis outage must not make the ingress drop every pod. It shows as
 * {@code DEGRADED} here, as the gauge {@code omniops.redis.available} and as the alert "Redis unavailable"
 * ({@link RedisAvailability}).
 */
@RestController
class HealthController {

    private final DataSource dataSource;
    private final ObjectProvider<Flyway> flyway;
    private final RedisAvailability redis;
    private final ObjectProvider<RolloutManagement> rollout;

    HealthController(
            DataSource dataSource,
            ObjectProvider<Flyway> flyway,
            RedisAvailability redis,
            ObjectProvider<RolloutManagement> rollout) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.redis = redis;
        this.rollout = rollout;
    }

    @GetMapping(path = "/api/health", produces = "application/json")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @GetMapping(path = "/api/ready", produces = "application/json")
    ResponseEntity<Map<String, Object>> ready() {
        var checks = new LinkedHashMap<String, Object>();
        checks.put("database", check(this::database));
        checks.put("migrations", check(this::migrations));
        var redisState = redis.state();
        if (redisState != null) {
            // informative only: the last background check, so the probe never waits on an unanswering Redis
            checks.put("redis", redisState.asCheck());
        }
        var flags = rollout.getIfAvailable();
        if (flags != null) {
            // informative only: without live flags every feature is served safely off, which is no reason to drain the
            // pod
            var status = flags.status();
            var flagCheck = new LinkedHashMap<String, Object>();
            flagCheck.put("status", "UP");
            flagCheck.put("source", status.source());
            if (status.note() != null) {
                flagCheck.put("note", status.note());
            }
            checks.put("flags", flagCheck);
        }
        var down = checks.entrySet().stream()
                .filter(e -> "DOWN".equals(((Map<?, ?>) e.getValue()).get("status")))
                .map(Map.Entry::getKey)
                .toList();
        var body = new LinkedHashMap<String, Object>();
        body.put("status", down.isEmpty() ? "UP" : "DOWN");
        if (!down.isEmpty()) {
            body.put("failing", down);
        }
        body.put("checks", checks);
        return ResponseEntity.status(down.isEmpty() ? 200 : 503).body(body);
    }

    private String database() throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("select 1");
            return "UP";
        }
    }

    private String migrations() {
        var f = flyway.getIfAvailable();
        if (f == null) {
            return "UP";
        }
        var info = f.info();
        if (info.pending().length > 0) {
            throw new IllegalStateException(info.pending().length + " migration(s) pending");
        }
        return "UP";
    }

    private static Map<String, Object> check(java.util.concurrent.Callable<String> probe) {
        try {
            return Map.of("status", probe.call());
        } catch (Exception e) {
            var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Map.of("status", "DOWN", "error", message.lines().findFirst().orElse(message));
        }
    }
}
