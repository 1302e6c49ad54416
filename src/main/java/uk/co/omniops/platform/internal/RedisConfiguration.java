package uk.co.omniops.platform.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import redis.embedded.RedisServer;
import uk.co.omniops.platform.PlatformSettings;
import uk.co.omniops.platform.PlatformSettings.Mode;
import uk.co.omniops.platform.RedisMode;

/**
 * Redis for the job queue and cross-replica events. Embedded: a real Redis binary started here;
 * external: {@code REDIS_URL} through Spring Boot's own connection factory.
 */
@Configuration(proxyBeanMethods = false)
@RedisMode
class RedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedRedisHolder embeddedRedis(PlatformSettings settings) {
        if (settings.redis().mode() != Mode.EMBEDDED) {
            return new EmbeddedRedisHolder(null, 0);
        }
        var port = settings.redis().embeddedPort();
        try {
            port = port > 0 ? port : EmbeddedServers.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var server = EmbeddedServers.startRedis(port, settings.dataDir());
        log.info("Embedded Redis started on port {}", port);
        return new EmbeddedRedisHolder(server, port);
    }

    @Bean
    LettuceConnectionFactory redisConnectionFactory(PlatformSettings settings, EmbeddedRedisHolder embedded) {
        if (embedded.server() != null) {
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", embedded.port()));
        }
        var url = settings.redis().url();
        if (url == null || url.isBlank()) {
            throw new MissingSettingException(
                    "REDIS_URL",
                    "the Redis connection, e.g. redis://redis:6379 "
                            + "(or set omniops.redis.mode=none to run without Redis on a single instance)");
        }
        var uri = java.net.URI.create(url.trim());
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new MissingSettingException("REDIS_URL", "must start with redis:// or rediss://");
        }
        var config = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
        var password = settings.redis().password();
        if (uri.getUserInfo() != null) {
            var info = uri.getUserInfo();
            var colon = info.indexOf(':');
            if (colon > 0) {
                config.setUsername(info.substring(0, colon));
            }
            if (password == null || password.isBlank()) {
                password = colon >= 0 ? info.substring(colon + 1) : info;
            }
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        if (uri.getPath() != null && uri.getPath().length() > 1) {
            config.setDatabase(Integer.parseInt(uri.getPath().substring(1)));
        }
        var clientConfig = org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.builder();
        if ("rediss".equals(uri.getScheme())) {
            clientConfig.useSsl();
        }
        return new LettuceConnectionFactory(
                config,
                clientConfig.commandTimeout(java.time.Duration.ofSeconds(2)).build());
    }

    record EmbeddedRedisHolder(@Nullable RedisServer server, int port) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            if (server != null) {
                server.stop();
            }
        }
    }
}
