package io.github.imagejgan.model;

/** A model package is unreadable, corrupt, of an unknown format version, or inconsistent with itself. */
public class ModelFormatException extends RuntimeException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
