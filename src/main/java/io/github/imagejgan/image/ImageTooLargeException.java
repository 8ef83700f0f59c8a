package io.github.imagejgan.image;

import io.github.imagejgan.task.UserException;

/** An image needs more memory than the run has; the message says how much and which {@code -Xmx} to give Java. */
public class ImageTooLargeException extends UserException {

    public ImageTooLargeException(String message) {
        super(message);
    }
}
