package uk.co.omniops.platform;

import java.io.PrintStream;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

/**
 * An operations command run as {@code java -jar omniops.jar <name> [options]} without the web server.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/uk.co.omniops.platform.OperationsCommand}) so that {@code --help} and
 * standalone commands need no database. Commands that need the application get a started, non-web
 * {@link ApplicationContext} and look up their module's services in it.
 */
public interface OperationsCommand {

    String name();

    /** One line for the command list. */
    String summary();

    /** Options, one per line, for {@code <name> --help}. */
    String usage();

    /** True when the command runs without starting the application (no database, Redis or network). */
    default boolean standalone() {
        return false;
    }

    /**
     * @param context the started application, or null for {@link #standalone()} commands
     * @return the process exit code: 0 on success, 2 on bad arguments, 1 on failure
     * @throws CommandArguments.BadArgument for unknown or malformed options (exit code 2)
     */
    int run(CommandArguments arguments, @Nullable ApplicationContext context, PrintStream out) throws Exception;
}
