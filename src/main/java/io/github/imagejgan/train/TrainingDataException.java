package io.github.imagejgan.train;

import io.github.imagejgan.task.UserException;

/** Training data that cannot be used as given; the message says what is wrong and what to do. */
public class TrainingDataException extends UserException {

    public TrainingDataException(String message) {
        super(message);
    }

    public TrainingDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
