package io.github.imagejgan.command;

import org.scijava.Cancelable;
import org.scijava.log.LogService;

import io.github.imagejgan.task.Failures;

/**
 * What every command does with a failure: cancels with the message that says what to do. Only a failure the user
 * cannot fix (a bug) also puts its trace into the log; a user's mistake never shows one.
 */
final class CommandFailure {

    private CommandFailure() {
    }

    static void cancel(Cancelable command, LogService log, Exception e) {
        if (!Failures.isUsers(e)) {
            log.error(e);
        }
        command.cancel(Failures.message(e));
    }
}
