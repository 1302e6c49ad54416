package uk.co.omniops.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Parsed {@code --name=value} and {@code --flag} options of one command. */
public final class CommandArguments {

    private final Map<String, String> options;

    private CommandArguments(Map<String, String> options) {
        this.options = options;
    }

    /** @throws BadArgument for anything that is not {@code --name[=value]} */
    public static CommandArguments parse(List<String> args) {
        var options = new LinkedHashMap<String, String>();
        for (var arg : args) {
            if (!arg.startsWith("--") || arg.length() < 3) {
                throw new BadArgument("unexpected argument '" + arg + "' (options look like --name=value)");
            }
            var eq = arg.indexOf('=');
            if (eq < 0) {
                options.put(arg.substring(2), "true");
            } else {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        return new CommandArguments(options);
    }

    /** @throws BadArgument naming the first option not in {@code allowed} */
    public CommandArguments allow(Set<String> allowed) {
        for (var name : options.keySet()) {
            if (!allowed.contains(name) && !name.equals("help")) {
                throw new BadArgument(
                        "unknown option --" + name + " (allowed: --" + String.join(", --", allowed) + ")");
            }
        }
        return this;
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public boolean flag(String name) {
        var value = options.get(name);
        if (value == null) {
            return false;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new BadArgument("--" + name + " takes no value or true/false, got '" + value + "'");
    }

    public @Nullable String string(String name) {
        return options.get(name);
    }

    public String required(String name) {
        var value = options.get(name);
        if (value == null || value.isBlank() || value.equals("true")) {
            throw new BadArgument("--" + name + "=… is required");
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        var value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            var n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new BadArgument("--" + name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadArgument("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    /** A bad command line: reported as one line, exit code 2. */
    public static final class BadArgument extends RuntimeException {
        public BadArgument(String message) {
            super(message);
        }
    }
}
