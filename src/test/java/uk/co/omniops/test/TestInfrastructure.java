package uk.co.omniops.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import redis.embedded.RedisServer;

/**
 * Starts one real PostgreSQL and one real Redis for the whole test JVM (not per class) and points every
 * Spring test context at them. Both stop when the JVM exits.
 */
public final class TestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        start();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test-infrastructure",
                        Map.of(
                                "omniops.database.url", ownerJdbcUrl(),
                                "omniops.database.app-url",
                                        "postgresql://omniops_app:omniops_app_test@localhost:" + postgres.getPort()
                                                + "/postgres",
                                "omniops.database.platform-url",
                                        "postgresql://omniops_platform:omniops_platform_test@localhost:"
                                                + postgres.getPort() + "/postgres",
                                "omniops.redis.url", "redis://127.0.0.1:" + redisPort)));
    }

    public static synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setRegisterShutdownHook(true)
                    .start();
            redisPort = freePort();
            redis = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(redisPort)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true)
                    .build();
            redis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopRedis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Superuser connection: bypasses RLS, for fixtures and schema checks only. */
    public static String ownerJdbcUrl() {
        start();
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
    }

    public static int postgresPort() {
        start();
        return postgres.getPort();
    }

    public static int redisPort() {
        start();
        return redisPort;
    }

    public static synchronized void stopRedis() {
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
        } catch (IOException e) {
            // the JVM is going down; nothing to keep
        }
    }

    public static synchronized void startRedisAgain() throws IOException {
        if (redis != null && !redis.isActive()) {
            redis.start();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
