package io.github.imagejgan.metrics.distribution;

import io.github.imagejgan.task.UserException;

/** The optional libraries the feature networks need are not installed; the message says which and where. */
public class MissingLibrariesException extends UserException {

    private static final long serialVersionUID = 1L;

    public MissingLibrariesException(String message) {
        super(message);
    }
}
