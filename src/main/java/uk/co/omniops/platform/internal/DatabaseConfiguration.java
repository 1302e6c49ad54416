package uk.co.omniops.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import uk.co.omniops.platform.DatabaseUrl;
import uk.co.omniops.platform.PlatformAccess;
import uk.co.omniops.platform.PlatformSettings;
import uk.co.omniops.platform.PlatformSettings.Mode;

/**
 * Three logins to one database: the owner (migrations only), the application role (tenant work) and the platform role
 * (cross-customer work: {@link PlatformAccess}). Neither of the last two owns anything, both are subject to row-level
 * security, and only the platform role's policies let it see every customer. The primary {@link DataSource} routes
 * each new transaction to the platform pool or the application pool by {@link PlatformAccess#active()}.
 *
 * @see <a href="../../../../../../../docs/decisions/002-row-level-security.md">decision 002</a>
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Resolved connection facts for both roles. */
    record Connections(
            DatabaseUrl owner,
            DatabaseUrl app,
            @Nullable String setRole,
            DatabaseUrl platform,
            @Nullable String platformSetRole) {}

    @Bean
    EmbeddedPostgresHolder embeddedPostgres(PlatformSettings settings) {
        if (settings.database().mode() != Mode.EMBEDDED) {
            return new EmbeddedPostgresHolder(null);
        }
        var started = System.nanoTime();
        var pg = EmbeddedServers.startPostgres(settings);
        log.info(
                "Embedded PostgreSQL started on port {} in {} ms (data in {})",
                pg.getPort(),
                (System.nanoTime() - started) / 1_000_000,
                settings.dataDir().toAbsolutePath().normalize());
        return new EmbeddedPostgresHolder(pg);
    }

    @Bean
    Connections databaseConnections(PlatformSettings settings, EmbeddedPostgresHolder embedded) {
        var db = settings.database();
        if (embedded.postgres() != null) {
            var url = "jdbc:postgresql://localhost:" + embedded.postgres().getPort() + "/postgres";
            return new Connections(
                    new DatabaseUrl(url, "postgres", "postgres"),
                    new DatabaseUrl(url, db.appRole(), db.appPassword()),
                    null,
                    new DatabaseUrl(url, db.platformRole(), db.platformPassword()),
                    null);
        }
        if (db.url() == null || db.url().isBlank()) {
            throw new MissingSettingException(
                    "DATABASE_URL", "the PostgreSQL connection, e.g. postgresql://user:pass@host:5432/omniops");
        }
        var owner = DatabaseUrl.parse(db.url(), "DATABASE_URL");
        var hasApp = db.appUrl() != null && !db.appUrl().isBlank();
        var hasPlatform = db.platformUrl() != null && !db.platformUrl().isBlank();
        if (db.requireSeparateLogins() && !hasApp) {
            throw new MissingSettingException(
                    "DATABASE_APP_URL",
                    "the application role's own login, e.g. "
                            + "postgresql://omniops_app:pass@host:5432/omniops (production never logs in as the owner)");
        }
        if (db.requireSeparateLogins() && !hasPlatform) {
            throw new MissingSettingException(
                    "DATABASE_PLATFORM_URL",
                    "the platform role's own login, e.g. "
                            + "postgresql://omniops_platform:pass@host:5432/omniops (production never logs in as the owner)");
        }
        if (!hasApp || !hasPlatform) {
            log.warn("the application logs in as the database owner and switches roles with SET ROLE: set "
                    + "DATABASE_APP_URL and DATABASE_PLATFORM_URL so that no pool can RESET ROLE to the owner");
        }
        return new Connections(
                owner,
                hasApp ? DatabaseUrl.parse(db.appUrl(), "DATABASE_APP_URL") : owner,
                hasApp ? null : db.appRole(),
                hasPlatform ? DatabaseUrl.parse(db.platformUrl(), "DATABASE_PLATFORM_URL") : owner,
                hasPlatform ? null : db.platformRole());
    }

    /** Migrations run as the owner; a small unpooled source is enough for Flyway and readiness checks. */
    @Bean
    @FlywayDataSource
    DataSource flywayDataSource(Connections connections) {
        var ds = new SimpleDriverDataSource();
        ds.setDriverClass(org.postgresql.Driver.class);
        ds.setUrl(connections.owner().jdbcUrl());
        ds.setUsername(connections.owner().username());
        ds.setPassword(connections.owner().password());
        return ds;
    }

    /** Routes each new transaction (and each connection outside one) to the platform or the application pool. */
    @Bean
    @Primary
    DataSource dataSource(Connections connections, PlatformSettings settings, ObjectProvider<MeterRegistry> meters) {
        var app = pool(
                "omniops-app",
                connections.app(),
                connections.setRole(),
                settings.database().poolSize());
        var platform = pool(
                "omniops-platform",
                connections.platform(),
                connections.platformSetRole(),
                settings.database().platformPoolSize());
        // the pools are not beans of their own, so Boot does not find them: hikaricp.* metrics per pool name
        meters.ifAvailable(registry -> {
            app.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
            platform.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        });
        var routing = new RoleRoutingDataSource(app, platform);
        routing.afterPropertiesSet();
        return routing;
    }

    private static HikariDataSource pool(String name, DatabaseUrl login, @Nullable String setRole, int size) {
        var ds = new HikariDataSource();
        ds.setPoolName(name);
        ds.setJdbcUrl(login.jdbcUrl());
        ds.setUsername(login.username());
        ds.setPassword(login.password());
        ds.setMaximumPoolSize(size);
        ds.setConnectionTimeout(5_000);
        ds.setInitializationFailTimeout(-1);
        if (setRole != null) {
            ds.setConnectionInitSql("set role \"" + setRole.replace("\"", "") + "\"");
        }
        return ds;
    }

    /** The application pool, or the platform pool inside {@link PlatformAccess#call}; closes both on shutdown. */
    static final class RoleRoutingDataSource extends AbstractRoutingDataSource implements AutoCloseable {

        private final HikariDataSource app;
        private final HikariDataSource platform;

        RoleRoutingDataSource(HikariDataSource app, HikariDataSource platform) {
            this.app = app;
            this.platform = platform;
            setTargetDataSources(java.util.Map.of("app", app, "platform", platform));
            setDefaultTargetDataSource(app);
        }

        @Override
        protected Object determineCurrentLookupKey() {
            return PlatformAccess.active() ? "platform" : "app";
        }

        @Override
        public void close() {
            app.close();
            platform.close();
        }
    }

    @Bean
    FlywayConfigurationCustomizer omniopsFlywayPlaceholders(PlatformSettings settings, Connections connections) {
        // no password for a role the application reaches by SET ROLE
        var password = connections.setRole() != null
                ? ""
                : nullToEmpty(connections.app().password());
        var platformPassword = connections.platformSetRole() != null
                ? ""
                : nullToEmpty(connections.platform().password());
        return configuration -> configuration.placeholders(java.util.Map.of(
                "appRole",
                settings.database().appRole(),
                "appPassword",
                password,
                "platformRole",
                settings.database().platformRole(),
                "platformPassword",
                platformPassword));
    }

    private static String nullToEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** Lets the embedded server be optional while Spring still stops it on shutdown. */
    static final class EmbeddedPostgresHolder implements AutoCloseable {

        private final @Nullable EmbeddedPostgres postgres;

        EmbeddedPostgresHolder(@Nullable EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        @Nullable
        EmbeddedPostgres postgres() {
            return postgres;
        }

        @Override
        public void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
