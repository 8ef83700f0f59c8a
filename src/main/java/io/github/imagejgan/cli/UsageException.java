package io.github.imagejgan.cli;

/** The command line is wrong; the message says how. */
final class UsageException extends IllegalArgumentException {

    UsageException(String message) {
        super(message);
    }
}
