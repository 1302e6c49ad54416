package uk.co.omniops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import uk.co.omniops.OmniOpsApplication;
import uk.co.omniops.platform.internal.StartupFailureAnalyzer;

/** In prod a missing or malformed required variable stops startup with one line naming it. */
class ProductionSettingsTests {

    @Test
    void missingDatabaseUrlStopsStartupNamingIt() {
        assertThatThrownBy(() -> start("DATABASE_URL=", "REDIS_URL=redis://localhost:1", "APP_URL=https://x"))
                .satisfies(e -> assertThat(oneLine(e))
                        .isEqualTo("OmniOps cannot start: DATABASE_URL is not set: the PostgreSQL connection, e.g. "
                                + "postgresql://user:pass@host:5432/omniops"));
    }

    @Test
    void missingAppUrlStopsStartupNamingIt() {
        assertThatThrownBy(() -> start(
                        "DATABASE_URL=postgresql://u:p@localhost:1/db",
                        "REDIS_URL=redis://localhost:1",
                        "APP_URL=",
                        "NEXT_PUBLIC_APP_URL="))
                .satisfies(e -> assertThat(oneLine(e)).startsWith("OmniOps cannot start: APP_URL is not set"));
    }

    @Test
    void malformedDatabaseUrlStopsStartupWithOneClearLine() {
        assertThatThrownBy(() -> start(
                        "DATABASE_URL=mysql://u:p@h/d",
                        "REDIS_URL=redis://localhost:1",
                        "APP_URL=https://x",
                        "REMEMBER_ME_KEY=k"))
                .satisfies(e -> assertThat(oneLine(e))
                        .startsWith("OmniOps cannot start: DATABASE_URL must look like postgresql://"));
    }

    @Test
    void missingRememberMeKeyStopsTheWebApplicationNamingIt() {
        // the development default in application.properties must never sign production cookies
        assertThatThrownBy(() -> start(
                        "DATABASE_URL=postgresql://u:p@localhost:1/db",
                        "REDIS_URL=redis://localhost:1",
                        "APP_URL=https://x",
                        "REMEMBER_ME_KEY="))
                .satisfies(e -> assertThat(oneLine(e)).startsWith("OmniOps cannot start: REMEMBER_ME_KEY is not set"));
    }

    /** Issue 21, finding 4: production never logs in as the owner; each role's own login is required. */
    @Test
    void missingRoleLoginsStopStartupNamingThem() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(OmniOpsApplication.class)
                        .web(WebApplicationType.NONE)
                        .profiles("prod")
                        .properties(
                                "DATABASE_URL=postgresql://u:p@localhost:1/db",
                                "REDIS_URL=redis://localhost:1",
                                "APP_URL=https://x",
                                "REMEMBER_ME_KEY=k",
                                "DATABASE_APP_URL=",
                                "spring.main.banner-mode=off")
                        .run()
                        .close())
                .satisfies(e -> assertThat(oneLine(e)).startsWith("OmniOps cannot start: DATABASE_APP_URL is not set"));
        assertThatThrownBy(() -> new SpringApplicationBuilder(OmniOpsApplication.class)
                        .web(WebApplicationType.NONE)
                        .profiles("prod")
                        .properties(
                                "DATABASE_URL=postgresql://u:p@localhost:1/db",
                                "REDIS_URL=redis://localhost:1",
                                "APP_URL=https://x",
                                "REMEMBER_ME_KEY=k",
                                "DATABASE_APP_URL=postgresql://a:p@localhost:1/db",
                                "DATABASE_PLATFORM_URL=",
                                "spring.main.banner-mode=off")
                        .run()
                        .close())
                .satisfies(e ->
                        assertThat(oneLine(e)).startsWith("OmniOps cannot start: DATABASE_PLATFORM_URL is not set"));
    }

    private static void start(String... properties) {
        new SpringApplicationBuilder(OmniOpsApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("prod")
                // the roles' own logins (finding 4), so that each test meets the failure it is about
                .properties(
                        "DATABASE_APP_URL=postgresql://a:p@localhost:1/db",
                        "DATABASE_PLATFORM_URL=postgresql://p:p@localhost:1/db")
                .properties(properties)
                .properties("spring.main.banner-mode=off")
                .run()
                .close();
    }

    private static String oneLine(Throwable e) {
        var analysis = new StartupFailureAnalyzer().analyze(e);
        assertThat(analysis).as("a failure analysis for " + e).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\n");
        return analysis.getDescription();
    }
}
