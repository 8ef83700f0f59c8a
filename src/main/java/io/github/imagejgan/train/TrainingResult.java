package io.github.imagejgan.train;

import java.nio.file.Path;

/**
 * How a training run ended.
 *
 * @param steps     steps completed (including those of earlier runs it resumed)
 * @param cancelled stopped by the user before the planned steps
 * @param bestPsnr  best validation PSNR seen (NaN without validation data)
 * @param last      checkpoint of the final state
 * @param best      checkpoint with the best validation PSNR (the last one without validation data)
 * @param seconds   total training time, over all resumed runs
 */
public record TrainingResult(long steps, boolean cancelled, double bestPsnr, Path last, Path best, double seconds) {
}
