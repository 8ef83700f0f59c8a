package io.github.imagejgan.train;

import io.github.imagejgan.task.UserException;

/**
 * A checkpoint cannot be resumed: missing, not a checkpoint, or damaged. The message names the file, the entry and
 * the field at fault, so the user knows whether to pick another checkpoint or start afresh.
 */
public class CheckpointException extends UserException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
