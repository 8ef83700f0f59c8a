package io.github.imagejgan.train;

/**
 * A second training was started while one is running: the engine records gradients for one training at a time
 * per Java process.
 */
public class TrainingBusyException extends IllegalStateException {

    public TrainingBusyException() {
        super("Another GAN training is already running in this ImageJ; wait for it to finish or stop it first.");
    }
}
