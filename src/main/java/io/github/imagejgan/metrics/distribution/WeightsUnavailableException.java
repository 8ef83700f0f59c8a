package io.github.imagejgan.metrics.distribution;

import io.github.imagejgan.task.UserException;

/**
 * The feature network's weights are not at hand: not downloaded yet (and no permission to), the download failed
 * (offline, server gone, corrupt file), or the given file is not a usable network. The message says what to do.
 */
public class WeightsUnavailableException extends UserException {

    private static final long serialVersionUID = 1L;

    public WeightsUnavailableException(String message) {
        super(message);
    }

    public WeightsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
