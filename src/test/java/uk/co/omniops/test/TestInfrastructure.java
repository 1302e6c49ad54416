package uk.co.omniops.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import redis.embedded.RedisServer;

/**
 * Starts one real PostgreSQL and one real Redis for the whole test JVM (not per class) and points every
 * Spring test context at them. Both stop when the JVM exits, after the Spring contexts that use them have closed.
 *
 * <p>Why the order matters: the JVM runs its shutdown hooks at the same time. When PostgreSQL stopped while Spring's
 * hook was still closing the application context, the pools and scheduled tasks kept retrying a dead database until
 * surefire killed the JVM ("The exit has elapsed 30 seconds after System.exit(0)"): 30 idle seconds at the end of
 * every run. Each context initialised here now counts as open until its bean factory is destroyed, and the one
 * shutdown hook of this class waits (at most 20 s) for the count to reach zero before it stops Redis and PostgreSQL.
 */
public final class TestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Object LOCK = new Object();
    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;
    private static int openContexts;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        start();
        synchronized (LOCK) {
            openContexts++;
        }
        if (context.getBeanFactory() instanceof DefaultListableBeanFactory beans) {
            // registered before any other bean, so destroyed after all of them (the pools included)
            beans.registerDisposableBean("testInfrastructureRelease", TestInfrastructure::released);
        }
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
                    .setRegisterShutdownHook(false)
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
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(TestInfrastructure::stopAfterTheContexts, "test-infrastructure"));
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

    private static void released() {
        synchronized (LOCK) {
            openContexts--;
            LOCK.notifyAll();
        }
    }

    private static void stopAfterTheContexts() {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (LOCK) {
            while (openContexts > 0 && System.nanoTime() < deadline) {
                try {
                    LOCK.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stopRedis();
        try {
            postgres.close();
        } catch (IOException e) {
            // the JVM is going down; nothing to keep
        }
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

    /**
     * Starts the stopped Redis on its port again. The stopped server may still hold the port for a moment ("bind:
     * Address already in use": a clean-clone run lost Redis for the rest of its JVM that way), so it tries for up to
     * 10 s.
     */
    public static synchronized void startRedisAgain() throws IOException {
        if (redis == null || redis.isActive()) {
            return;
        }
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                redis.start();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
