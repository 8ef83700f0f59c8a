package io.github.imagejgan.cli;

import io.github.imagejgan.task.UserException;

/** The command line is wrong; the message says how. */
final class UsageException extends UserException {

    UsageException(String message) {
        super(message);
    }
}
