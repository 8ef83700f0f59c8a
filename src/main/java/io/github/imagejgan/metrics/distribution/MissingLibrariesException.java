package io.github.imagejgan.metrics.distribution;

/** The optional libraries the feature networks need are not installed; the message says which and where. */
public class MissingLibrariesException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MissingLibrariesException(String message) {
        super(message);
    }
}
