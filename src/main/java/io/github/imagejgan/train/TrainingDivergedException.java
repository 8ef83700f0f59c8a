package io.github.imagejgan.train;

/** The losses became infinite or NaN; the last good checkpoint is kept. */
public class TrainingDivergedException extends IllegalStateException {

    public TrainingDivergedException(long step, StepLosses losses) {
        super("Training diverged at step " + step + " (losses " + losses + "). The last checkpoint before this "
                + "step is kept; lower the learning rates or the adversarial weight and resume or restart.");
    }
}
