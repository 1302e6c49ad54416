package uk.co.omniops.platform.internal;

import java.util.HashMap;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * In {@code prod}, stops startup with one line naming the first required variable that is missing (the
 * remember-me key only for the web application: its development default must never sign production cookies); switches the
 * Datadog registry on only when {@code DATADOG_API_KEY} is set (on without a key, it fails); and with
 * {@code omniops.redis.mode=none} keeps Spring Boot's Redis client out entirely.
 */
public class RequiredSettingsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final List<String[]> REQUIRED_IN_PROD = List.of(
            new String[] {"DATABASE_URL", "the PostgreSQL connection, e.g. postgresql://user:pass@host:5432/omniops"},
            new String[] {"REDIS_URL", "the Redis connection, e.g. redis://redis:6379"},
            new String[] {
                "APP_URL", "the public URL of OmniOps, used in notification links (NEXT_PUBLIC_APP_URL also works)"
            },
            new String[] {
                "REMEMBER_ME_KEY",
                "a random secret shared by all replicas that signs the browsers' "
                        + "remember-me cookies, e.g. openssl rand -base64 32 (docs/decisions/012-session-recovery.md)"
            });

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var env = context.getEnvironment();
        var overrides = new HashMap<String, Object>();
        var datadogKey = env.getProperty("DATADOG_API_KEY");
        overrides.put("management.datadog.metrics.export.enabled", datadogKey != null && !datadogKey.isBlank());
        var excludes = new java.util.ArrayList<String>();
        if ("none".equalsIgnoreCase(env.getProperty("spring.main.web-application-type"))) {
            // operations commands and non-web tests: Vaadin's auto-configuration needs a web application context
            excludes.addAll(java.util.List.of(
                    "com.vaadin.flow.spring.SpringBootAutoConfiguration",
                    "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
                    "com.vaadin.flow.spring.VaadinScopesConfig"));
        }
        if ("none".equalsIgnoreCase(env.getProperty("omniops.redis.mode"))) {
            // single instance without Redis: Boot must not create a client for localhost:6379 either
            excludes.addAll(
                    java.util.List.of(
                            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
                            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
                            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
                            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
                            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration"));
        }
        if (!excludes.isEmpty()) {
            var excluded = env.getProperty("spring.autoconfigure.exclude", "");
            overrides.put(
                    "spring.autoconfigure.exclude",
                    (excluded.isBlank() ? "" : excluded + ",") + String.join(",", excludes));
        }
        env.getPropertySources().addFirst(new MapPropertySource("omniops-derived", overrides));
        if (!env.matchesProfiles("prod")) {
            return;
        }
        for (var required : REQUIRED_IN_PROD) {
            var value = env.getProperty(required[0]);
            if (required[0].equals("APP_URL") && (value == null || value.isBlank())) {
                value = env.getProperty("NEXT_PUBLIC_APP_URL");
            }
            if (required[0].equals("REDIS_URL") && "none".equalsIgnoreCase(env.getProperty("omniops.redis.mode"))) {
                continue;
            }
            if (required[0].equals("REMEMBER_ME_KEY")
                    && "none".equalsIgnoreCase(env.getProperty("spring.main.web-application-type"))) {
                continue; // operations commands sign nobody in
            }
            if (value == null || value.isBlank()) {
                throw new MissingSettingException(required[0], required[1]);
            }
        }
    }
}
