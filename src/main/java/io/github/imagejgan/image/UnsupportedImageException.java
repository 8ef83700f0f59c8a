package io.github.imagejgan.image;

/**
 * The image cannot be processed as it is (type, axes, size); the message says what to change.
 */
public class UnsupportedImageException extends IllegalArgumentException {

    public UnsupportedImageException(String message) {
        super(message);
    }
}
