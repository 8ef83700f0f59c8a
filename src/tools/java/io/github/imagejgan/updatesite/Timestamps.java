package io.github.imagejgan.updatesite;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The updater's timestamps: the digits of a date and time, {@code yyyyMMddHHmmss}, stored as a number. The updater
 * compares them as numbers and appends them to file names, so they must have exactly 14 digits.
 */
final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    private Timestamps() {
    }

    /** The current time in UTC: the build machine's time zone must not decide the order of releases. */
    static long now(Clock clock) {
        return Long.parseLong(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(FORMAT));
    }

    /** Parses a timestamp given by a maintainer, rejecting anything that is not a real date and time. */
    static long parse(String text) {
        if (!text.matches("\\d{14}")) {
            throw new IllegalArgumentException("A timestamp has 14 digits, yyyyMMddHHmmss (e.g. 20261201120000), not '"
                    + text + "'");
        }
        try {
            LocalDateTime.parse(text, FORMAT);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date and time (yyyyMMddHHmmss)", e);
        }
        return Long.parseLong(text);
    }

    /** Whether a number read from a db.xml.gz is a well-formed timestamp. */
    static boolean isValid(long timestamp) {
        try {
            parse(Long.toString(timestamp));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
