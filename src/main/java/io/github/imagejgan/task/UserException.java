package io.github.imagejgan.task;

/**
 * The root of every error a user can fix: a wrong input, option, file, model or setting. Its message says what is
 * wrong and what to do, in words for the user; front ends (Fiji commands, the ImageJ 1.x bridge, the command line)
 * catch this one type and show the message, never a stack trace. Specific problems extend it.
 *
 * <p>NB: an {@link IllegalArgumentException} in the wide sense (something the user gave cannot be used), so that
 * code written against the JDK's type keeps working; errors that are not the user's to fix (bugs, broken
 * installations) are other exceptions, and front ends report those as unexpected.
 */
public class UserException extends IllegalArgumentException {

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
