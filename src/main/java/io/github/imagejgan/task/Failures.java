package io.github.imagejgan.task;

import java.io.IOException;

/**
 * What every front end (Fiji commands, the ImageJ 1.x bridge, the command line) tells the user when an operation
 * fails: the message alone for problems the user can fix ({@link UserException}, a file that cannot be read or
 * written, a cancelled run), and for anything else a line that says it is unexpected and names the error, so that
 * it can be reported. No front end shows a stack trace for a user's mistake.
 */
public final class Failures {

    private Failures() {
    }

    /** Whether the user can act on the message alone. */
    public static boolean isUsers(Throwable e) {
        return e instanceof UserException || e instanceof IOException || e instanceof CancelledException;
    }

    /** The text to show for a failure. */
    public static String message(Throwable e) {
        if (isUsers(e) && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return "Unexpected error (please report it, with the log): " + e;
    }
}
