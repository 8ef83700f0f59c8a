package io.github.imagejgan.train;

/** Training data that cannot be used as given; the message says what is wrong and what to do. */
public class TrainingDataException extends IllegalArgumentException {

    public TrainingDataException(String message) {
        super(message);
    }

    public TrainingDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
