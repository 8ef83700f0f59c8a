package io.github.imagejgan.train;

import io.github.imagejgan.task.UserException;

/** The losses became infinite or NaN; the last good checkpoint is kept. */
public class TrainingDivergedException extends UserException {

    public TrainingDivergedException(long step, StepLosses losses) {
        super("Training diverged at step " + step + " (losses " + losses + "). The last checkpoint before this "
                + "step is kept; lower the learning rates or the adversarial weight and resume or restart.");
    }
}
