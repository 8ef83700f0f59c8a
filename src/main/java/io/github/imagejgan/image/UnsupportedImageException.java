package io.github.imagejgan.image;

import io.github.imagejgan.task.UserException;

/**
 * The image cannot be processed as it is (type, axes, size); the message says what to change.
 */
public class UnsupportedImageException extends UserException {

    public UnsupportedImageException(String message) {
        super(message);
    }
}
