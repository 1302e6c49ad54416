package uk.co.omniops.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where OmniOps keeps its data and how it reaches PostgreSQL and Redis.
 *
 * <p>In the default ({@code dev}) mode both servers are embedded and started by the application; in
 * {@code prod} they come from {@code DATABASE_URL} and {@code REDIS_URL}.
 */
@Validated
@ConfigurationProperties("omniops")
public record PlatformSettings(
        @NotBlank @DefaultValue("http://localhost:8080") String appUrl,
        @NotNull @DefaultValue("./data") Path dataDir,
        @Valid @DefaultValue Database database,
        @Valid @DefaultValue Redis redis) {

    public enum Mode {
        EMBEDDED,
        EXTERNAL,
        NONE
    }

    /**
     * @param url owner connection used for migrations: libpq URI ({@code postgresql://user:pass@host/db})
     *     or JDBC URL; ignored when embedded
     * @param appUrl optional separate connection for the non-owner application role; when absent the
     *     application uses {@code url} and switches to {@code appRole} with SET ROLE on every connection
     * @param platformUrl the login of {@code platformRole}, which alone sees every customer's rows (the job queue,
     *     sign-in, admin pages); when absent, {@code url} with SET ROLE, as for {@code appUrl}
     * @param requireSeparateLogins production: refuse to start without {@code appUrl} and {@code platformUrl}, so that
     *     no pool logs in as the owner (a SET ROLE can be RESET; issue 21, finding 4)
     */
    public record Database(
            @NotNull @DefaultValue("EMBEDDED") Mode mode,
            @Nullable String url,
            @Nullable String appUrl,
            @NotBlank @DefaultValue("omniops_app") String appRole,
            @DefaultValue("omniops_app_dev") String appPassword,
            @DefaultValue("0") int embeddedPort,
            @DefaultValue("10") int poolSize,
            @Nullable String platformUrl,
            @NotBlank @DefaultValue("omniops_platform") String platformRole,
            @DefaultValue("omniops_platform_dev") String platformPassword,
            @DefaultValue("6") int platformPoolSize,
            @DefaultValue("false") boolean requireSeparateLogins) {}

    /** @param url {@code redis://} or {@code rediss://}; ignored when embedded or none */
    public record Redis(
            @NotNull @DefaultValue("EMBEDDED") Mode mode,
            @Nullable String url,
            @Nullable String password,
            @DefaultValue("0") int embeddedPort) {}
}
