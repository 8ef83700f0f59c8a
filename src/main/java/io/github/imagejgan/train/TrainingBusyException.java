package io.github.imagejgan.train;

import io.github.imagejgan.task.UserException;

/**
 * A second training was started while one is running: the engine records gradients for one training at a time
 * per Java process.
 */
public class TrainingBusyException extends UserException {

    public TrainingBusyException() {
        super("Another GAN training is already running in this ImageJ; wait for it to finish or stop it first.");
    }
}
