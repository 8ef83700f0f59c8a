package io.github.imagejgan.ij1;

import java.util.Locale;
import java.util.function.Function;

import ij.Macro;

import io.github.imagejgan.task.UserException;

/**
 * The {@code key=value} options of a macro call, e.g. {@code model=denoise-general tile=auto preview}. Keys
 * are the Fiji commands' parameter names in lower case; values with spaces go in brackets, as ImageJ records them.
 */
final class MacroOptions {

    private final String raw;
    private final String lower;

    MacroOptions(String options) {
        this.raw = options == null ? "" : options;
        this.lower = " " + raw.toLowerCase(Locale.ROOT).replace('\t', ' ');
    }

    /** The value of {@code key}, with its original letter case, or {@code fallback}. */
    String get(String key, String fallback) {
        String value = Macro.getValue(raw, key, null);
        return value == null ? fallback : value;
    }

    int integer(String key, int fallback) {
        return parsed(key, fallback, Integer::parseInt, "a whole number");
    }

    double number(String key, double fallback) {
        return parsed(key, fallback, Double::parseDouble, "a number");
    }

    private <V> V parsed(String key, V fallback, Function<String, V> parse, String what) {
        String value = get(key, null);
        try {
            return value == null ? fallback : parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new UserException("Macro option " + key + "=" + value + " is not " + what + ".");
        }
    }

    /** A checkbox: the key alone (or key=true) means on. */
    boolean flag(String key) {
        String value = get(key, null);
        if (value != null) {
            return Boolean.parseBoolean(value.trim());
        }
        return lower.matches(".*\\s" + key + "(\\s.*|$)");
    }

    /** One of {@code choices}, matched ignoring case; a clear error otherwise. */
    String choice(String key, String fallback, String... choices) {
        String value = get(key, fallback);
        for (String c : choices) {
            if (c.equalsIgnoreCase(value.trim())) {
                return c;
            }
        }
        throw new UserException("Macro option " + key + "=" + value + " is not one of: "
                + String.join(", ", choices) + ".");
    }
}
