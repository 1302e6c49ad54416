package uk.co.omniops.ops.internal;

import java.io.PrintStream;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import uk.co.omniops.platform.CommandArguments;
import uk.co.omniops.platform.OperationsCommand;

/**
 * {@code db-migrate}: applies pending migrations and reports the schema version, then exits. Lets a
 * deployment migrate once (e.g. a Kubernetes Job) before new pods roll out.
 */
public class DbMigrateCommand implements OperationsCommand {

    @Override
    public String name() {
        return "db-migrate";
    }

    @Override
    public String summary() {
        return "apply pending database migrations and print the schema version";
    }

    @Override
    public String usage() {
        return "(no options) Uses DATABASE_URL with --spring.profiles.active=prod, else the embedded database.";
    }

    @Override
    public int run(CommandArguments arguments, @Nullable ApplicationContext context, PrintStream out) {
        arguments.allow(Set.of());
        var flyway = context.getBean(Flyway.class);
        var info = flyway.info();
        var current = info.current();
        out.println("{\"schema_version\":\"" + (current == null ? "none" : current.getVersion()) + "\",\"pending\":"
                + info.pending().length + ",\"applied\":" + info.applied().length + "}");
        return info.pending().length == 0 ? 0 : 1;
    }
}
