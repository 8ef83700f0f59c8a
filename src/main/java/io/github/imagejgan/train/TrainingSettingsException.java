package io.github.imagejgan.train;

import io.github.imagejgan.task.UserException;

/**
 * A training setting is out of range, inconsistent with another one, or differs from the checkpoint a run resumes;
 * the message names the setting and the values it can take. Nothing has been read or written when it is thrown.
 */
public class TrainingSettingsException extends UserException {

    public TrainingSettingsException(String message) {
        super(message);
    }
}
