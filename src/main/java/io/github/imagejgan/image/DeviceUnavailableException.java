package io.github.imagejgan.image;

import io.github.imagejgan.task.UserException;

/** The requested device (or the engine itself) is not available; the message says what to do instead. */
public class DeviceUnavailableException extends UserException {

    public DeviceUnavailableException(String message) {
        super(message);
    }
}
