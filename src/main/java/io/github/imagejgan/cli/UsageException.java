package io.github.imagejgan.cli;

import io.github.imagejgan.task.UserException;

/** The command line is wrong; the message says how. */
public final class UsageException extends UserException {

    public UsageException(String message) {
        super(message);
    }
}
