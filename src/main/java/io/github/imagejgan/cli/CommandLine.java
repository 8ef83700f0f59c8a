package io.github.imagejgan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Parsed command-line arguments: {@code --key value} (or {@code --key=value}) options, {@code --flag} switches
 * (also {@code --flag=true|false}) and positional arguments.
 * Every option a command reads is recorded, so that a misspelled one is reported instead of silently ignored.
 */
public final class CommandLine {

    private final Map<String, String> options = new LinkedHashMap<>();
    private final Set<String> flags = new LinkedHashSet<>();
    private final List<String> positional = new ArrayList<>();
    private final Set<String> known = new LinkedHashSet<>();

    /**
     * @param flagNames options that take no value
     */
    public CommandLine(List<String> args, Set<String> flagNames) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq > 0 && flagNames.contains(name.substring(0, eq))) {
                    switchWithValue(name.substring(0, eq), name.substring(eq + 1));
                } else if (eq > 0) {
                    options.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (flagNames.contains(name)) {
                    flags.add(name);
                } else if (i + 1 < args.size()) {
                    options.put(name, args.get(++i));
                } else {
                    throw new UsageException("Option --" + name + " needs a value.");
                }
            } else {
                positional.add(a);
            }
        }
        known.addAll(flagNames);
    }

    /** {@code --flag=true} and {@code --flag=false}, as scripts that pass every switch with a value write them. */
    private void switchWithValue(String name, String value) {
        if (value.equalsIgnoreCase("true")) {
            flags.add(name);
        } else if (value.equalsIgnoreCase("false")) {
            flags.remove(name);
        } else {
            throw new UsageException("--" + name + " is a switch: give it alone, or as --" + name + "=true or --"
                    + name + "=false; got '" + value + "'.");
        }
    }

    public String string(String name, String fallback) {
        known.add(name);
        return options.getOrDefault(name, fallback);
    }

    public String required(String name) {
        String v = string(name, null);
        if (v == null) {
            throw new UsageException("Missing --" + name + ".");
        }
        return v;
    }

    public boolean has(String name) {
        known.add(name);
        return options.containsKey(name);
    }

    public Path path(String name) {
        String v = string(name, null);
        return v == null ? null : Path.of(v);
    }

    public int integer(String name, int fallback) {
        return parsed(name, fallback, Integer::parseInt, "a whole number");
    }

    public long longValue(String name, long fallback) {
        return parsed(name, fallback, Long::parseLong, "a whole number");
    }

    public double number(String name, double fallback) {
        return parsed(name, fallback, Double::parseDouble, "a number");
    }

    private <V> V parsed(String name, V fallback, Function<String, V> parse, String what) {
        String v = string(name, null);
        try {
            return v == null ? fallback : parse.apply(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes " + what + ", got '" + v + "'.");
        }
    }

    public boolean flag(String name) {
        known.add(name);
        return flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }

    /** Fails on options no one asked for (call after reading all options). */
    public void rejectUnknown() {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new UsageException("Unknown option --" + name + ".");
            }
        }
    }
}
