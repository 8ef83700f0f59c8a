package io.github.imagejgan.train;

import io.github.imagejgan.task.UserException;

/**
 * The pix2pix/CycleGAN schedule: a constant rate, then a linear decay to zero over the last part of training. A pure
 * function of the step, so a resumed run continues on the same curve.
 *
 * @param base       rate during the constant part
 * @param decayStart first step of the decay
 * @param total      last step (rate reaches zero after it)
 */
public record LearningRateSchedule(float base, long decayStart, long total) {

    public LearningRateSchedule {
        if (!(base > 0) || decayStart < 0 || total < 1 || decayStart > total) {
            throw new UserException("Invalid schedule: rate " + base + ", decay from " + decayStart
                    + " of " + total + " steps");
        }
    }

    /** Rate for step {@code step} (1-based). */
    public float at(long step) {
        if (step <= decayStart) {
            return base;
        }
        return base * Math.max(0, total - step + 1) / (float) (total - decayStart + 1);
    }
}
