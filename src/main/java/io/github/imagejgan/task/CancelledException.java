package io.github.imagejgan.task;

/** Thrown when the user cancelled an operation; whatever it was producing has been discarded. */
public class CancelledException extends RuntimeException {

    public CancelledException() {
        super("Cancelled by the user; no output was produced.");
    }

    /** A cancellation that says what was kept. */
    public CancelledException(String message) {
        super(message);
    }
}
