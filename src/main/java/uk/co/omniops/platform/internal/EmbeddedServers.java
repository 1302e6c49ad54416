package uk.co.omniops.platform.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;
import uk.co.omniops.platform.PlatformSettings;

/**
 * Starts the real PostgreSQL (binaries shipped through Maven) and Redis servers of the default run mode.
 */
final class EmbeddedServers {

    private EmbeddedServers() {}

    /** The data directory carries the major version: a directory made by another major will not start. */
    static EmbeddedPostgres startPostgres(PlatformSettings settings) {
        try {
            var dir = settings.dataDir().toAbsolutePath().normalize().resolve("postgres-17");
            Files.createDirectories(dir);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    // zonky's own hook races Spring's shutdown and hangs for ~30 s; Spring stops it instead.
                    .setRegisterShutdownHook(false)
                    .setPort(
                            settings.database().embeddedPort() > 0
                                    ? settings.database().embeddedPort()
                                    : freePort())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not start the embedded PostgreSQL under "
                            + settings.dataDir().toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
    }

    static RedisServer startRedis(int requestedPort, Path dataDir) {
        try {
            var port = requestedPort > 0 ? requestedPort : freePort();
            var dir = dataDir.toAbsolutePath().normalize().resolve("redis");
            Files.createDirectories(dir);
            var server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dir)
                    .setting("appendonly yes")
                    .setting("maxmemory 256mb")
                    .setting("save \"\"")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Redis: " + e.getMessage(), e);
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
