package io.github.imagejgan.image;

/** The requested device (or the engine itself) is not available; the message says what to do instead. */
public class DeviceUnavailableException extends IllegalStateException {

    public DeviceUnavailableException(String message) {
        super(message);
    }
}
