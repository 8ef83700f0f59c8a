package io.github.imagejgan.interop;

import io.github.imagejgan.task.UserException;

/**
 * An export could not be completed: Python with PyTorch is missing or failed, or the exported network does not
 * reproduce the package's outputs. The message says what to do.
 */
public class ExportException extends UserException {

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
