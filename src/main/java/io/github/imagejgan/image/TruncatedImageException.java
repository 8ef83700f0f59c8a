package io.github.imagejgan.image;

import io.github.imagejgan.task.UserException;

/** An image file ends before the pixels its header promises: the copy is incomplete or the file damaged. */
public class TruncatedImageException extends UserException {

    public TruncatedImageException(String message) {
        super(message);
    }
}
