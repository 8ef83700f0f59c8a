package io.github.imagejgan.model;

import io.github.imagejgan.task.UserException;

/**
 * A model package is unreadable, corrupt, of an unknown format version, or inconsistent with itself. The user fixes
 * it by choosing or re-exporting another package, so it is a {@link UserException}.
 */
public class ModelFormatException extends UserException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
