package uk.co.omniops.platform;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Entry point of command mode: {@code java -jar omniops.jar <command> [--option=value …]}.
 */
public final class Commands {

    private Commands() {}

    /** A first argument that is not an option ({@code --server.port=…}) names a command. */
    public static boolean isCommandInvocation(String[] args) {
        return args.length > 0 && (!args[0].startsWith("-") || args[0].equals("--help") || args[0].equals("-h"));
    }

    public static List<OperationsCommand> all() {
        return ServiceLoader.load(OperationsCommand.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(OperationsCommand::name))
                .toList();
    }

    public static Optional<OperationsCommand> find(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Runs a command and returns the exit code; never calls {@code System.exit}. */
    public static int run(String[] args, Class<?> application) {
        return run(args, application, System.out, System.err);
    }

    static int run(String[] args, Class<?> application, PrintStream out, PrintStream err) {
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            printHelp(out);
            return 0;
        }
        var command = find(args[0]);
        if (command.isEmpty()) {
            err.println("Unknown command '" + args[0] + "'.");
            printHelp(err);
            return 2;
        }
        var cmd = command.get();
        var rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help")) {
            out.println("Usage: java -jar omniops.jar " + cmd.name() + " [options]");
            out.println("  " + cmd.summary());
            out.println(cmd.usage().indent(2).stripTrailing());
            return 0;
        }
        // Spring's own options (--spring.profiles.active=prod, --omniops.data-dir=…) go to the application.
        var springArgs = rest.stream().filter(Commands::isSpringOption).toList();
        var commandArgs = rest.stream().filter(a -> !isSpringOption(a)).toList();
        try {
            var arguments = CommandArguments.parse(commandArgs);
            if (cmd.standalone()) {
                return cmd.run(arguments, null, out);
            }
            try (var context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE)
                    .properties(
                            "spring.main.banner-mode=off",
                            "spring.main.web-application-type=none",
                            "omniops.command-mode=true",
                            "omniops.simulator.enabled=false")
                    .run(springArgs.toArray(String[]::new))) {
                return cmd.run(arguments, context, out);
            }
        } catch (CommandArguments.BadArgument e) {
            err.println(cmd.name() + ": " + e.getMessage());
            err.println("Run 'java -jar omniops.jar " + cmd.name() + " --help' for its options.");
            return 2;
        } catch (Exception e) {
            err.println(cmd.name() + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static boolean isSpringOption(String arg) {
        return arg.startsWith("--spring.") || arg.startsWith("--omniops.") || arg.startsWith("--logging.");
    }

    private static void printHelp(PrintStream out) {
        out.println("Usage: java -jar omniops.jar [<command> [options]]");
        out.println();
        out.println("Without a command, serves OmniOps (http://localhost:8080 by default; --server.port=…,");
        out.println("--omniops.data-dir=…, --spring.profiles.active=prod). Commands:");
        for (var c : all()) {
            out.printf("  %-22s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("'<command> --help' shows a command's options.");
    }
}
