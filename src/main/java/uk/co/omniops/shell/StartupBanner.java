package uk.co.omniops.shell;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import uk.co.omniops.tenancy.DemoData;
import uk.co.omniops.tenancy.Role;

/** Prints where OmniOps is served and, with demo data, how to sign in. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final Environment environment;

    StartupBanner(Environment environment) {
        this.environment = environment;
    }

    @EventListener
    void on(ApplicationReadyEvent event) {
        var port = environment.getProperty("local.server.port");
        if (port == null) {
            return;
        }
        var text = new StringBuilder("\n\n  OmniOps is running at http://localhost:" + port + "/\n");
        if (environment.getProperty("omniops.demo.enabled", Boolean.class, false)) {
            text.append("  Demo accounts (password '")
                    .append(environment.getProperty("omniops.demo.password"))
                    .append("'):\n");
            for (var c : DemoData.CUSTOMERS) {
                text.append("    ").append(String.format("%-22s", c.slug()));
                for (var role : new Role[] {Role.AGENT, Role.SUPERVISOR, Role.EXECUTIVE}) {
                    text.append(String.format("%-36s", DemoData.username(role, c.slug())));
                }
                text.append('\n');
            }
            text.append("    platform admin        ")
                    .append(DemoData.ADMIN_USERNAME)
                    .append('\n');
            text.append("  Demo API keys (Authorization: Bearer <key>, e.g. POST /api/v1/conversations):\n");
            for (var c : DemoData.CUSTOMERS) {
                text.append("    ")
                        .append(String.format("%-22s", c.slug()))
                        .append(DemoData.apiKey(c.slug()))
                        .append('\n');
            }
        }
        log.info(text.toString());
    }
}
