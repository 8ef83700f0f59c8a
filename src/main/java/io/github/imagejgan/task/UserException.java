package io.github.imagejgan.task;

/**
 * The root of every error a user can fix: a wrong input, option, file, model or setting. Its message says what is
 * wrong and what to do, in words for the user; front ends (Fiji commands, the ImageJ 1.x bridge, the command line)
 * catch this one type and show the message, never a stack trace. Specific problems extend it.
 */
public class UserException extends RuntimeException {

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
