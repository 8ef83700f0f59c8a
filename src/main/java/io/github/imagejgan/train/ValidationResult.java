package io.github.imagejgan.train;

/**
 * Quality on the held-out patches after a step.
 *
 * @param step     training steps done
 * @param psnr     PSNR (dB, normalized units) of the generator's outputs against the targets (unpaired training:
 *                 of the cycle reconstructions against the originals)
 * @param baseline PSNR of the inputs themselves against the targets (NaN when not comparable)
 * @param blurred  PSNR of the best Gaussian blur of the inputs against the targets, the sigma chosen on these same
 *                 patches: what a trained denoiser has to beat to be worth its training (NaN when the task is not
 *                 denoising)
 * @param preview  first validation patch, first channel
 */
public record ValidationResult(long step, double psnr, double baseline, double blurred, Preview preview) {

    /** Whether the outputs score above the best Gaussian blur (never when there is no blur reference). */
    public boolean beatsBlur() {
        return !Double.isNaN(blurred) && psnr > blurred;
    }

    /**
     * One validation patch for display: input, output and target (or a sample of the other domain), each
     * {@code width x height} (input scaled to the output size for super-resolution).
     */
    public record Preview(float[] input, float[] output, float[] target, int width, int height) {
    }
}
