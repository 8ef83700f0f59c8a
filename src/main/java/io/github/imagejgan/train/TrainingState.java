package io.github.imagejgan.train;

/**
 * The {@code training.json} entry of a checkpoint: where a run stands, so it can continue.
 *
 * @param step     steps done
 * @param bestPsnr best validation PSNR so far (NaN if none)
 * @param lastPsnr latest validation PSNR (NaN if none)
 * @param baseline PSNR of inputs against targets on the validation patches (NaN if not comparable)
 * @param seconds  training time so far
 * @param config   the run's settings
 */
record TrainingState(long step, double bestPsnr, double lastPsnr, double baseline, double seconds,
        GanConfig config) {
}
