package uk.co.omniops.platform.internal;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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

import uk.co.omniops.platform.DatabaseUrl;
import uk.co.omniops.platform.PlatformSettings;
import uk.co.omniops.platform.PlatformSettings.Mode;

/**
 * Two connections to one database: the owner (migrations only) and the application role, which owns
 * nothing and is subject to row-level security.
 *
 * @see <a href="../../../../../../../docs/decisions/002-row-level-security.md">decision 002</a>
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Resolved connection facts for both roles. */
    record Connections(DatabaseUrl owner, DatabaseUrl app, @Nullable String setRole) {}

    @Bean
    EmbeddedPostgresHolder embeddedPostgres(PlatformSettings settings) {
        if (settings.database().mode() != Mode.EMBEDDED) {
            return new EmbeddedPostgresHolder(null);
        }
        var started = System.nanoTime();
        var pg = EmbeddedServers.startPostgres(settings);
        log.info("Embedded PostgreSQL started on port {} in {} ms (data in {})", pg.getPort(),
                (System.nanoTime() - started) / 1_000_000, settings.dataDir().toAbsolutePath().normalize());
        return new EmbeddedPostgresHolder(pg);
    }

    @Bean
    Connections databaseConnections(PlatformSettings settings, EmbeddedPostgresHolder embedded) {
        var db = settings.database();
        if (embedded.postgres() != null) {
            var url = "jdbc:postgresql://localhost:" + embedded.postgres().getPort() + "/postgres";
            return new Connections(new DatabaseUrl(url, "postgres", "postgres"),
                    new DatabaseUrl(url, db.appRole(), db.appPassword()), null);
        }
        if (db.url() == null || db.url().isBlank()) {
            throw new MissingSettingException("DATABASE_URL", "the PostgreSQL connection, e.g. postgresql://user:pass@host:5432/omniops");
        }
        var owner = DatabaseUrl.parse(db.url(), "DATABASE_URL");
        if (db.appUrl() != null && !db.appUrl().isBlank()) {
            return new Connections(owner, DatabaseUrl.parse(db.appUrl(), "DATABASE_APP_URL"), null);
        }
        return new Connections(owner, owner, db.appRole());
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

    @Bean
    @Primary
    HikariDataSource dataSource(Connections connections, PlatformSettings settings) {
        var ds = new HikariDataSource();
        ds.setPoolName("omniops-app");
        ds.setJdbcUrl(connections.app().jdbcUrl());
        ds.setUsername(connections.app().username());
        ds.setPassword(connections.app().password());
        ds.setMaximumPoolSize(settings.database().poolSize());
        ds.setConnectionTimeout(5_000);
        ds.setInitializationFailTimeout(-1);
        if (connections.setRole() != null) {
            ds.setConnectionInitSql("set role \"" + connections.setRole().replace("\"", "") + "\"");
        }
        return ds;
    }

    @Bean
    FlywayConfigurationCustomizer omniopsFlywayPlaceholders(PlatformSettings settings, Connections connections) {
        // no password for the role when the application reaches it by SET ROLE
        var password = connections.setRole() != null ? "" : nullToEmpty(connections.app().password());
        return configuration -> configuration.placeholders(java.util.Map.of(
                "appRole", settings.database().appRole(),
                "appPassword", password));
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

        @Nullable EmbeddedPostgres postgres() {
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
