package io.github.imagejgan.train;

/**
 * Quality on the held-out patches after a step.
 *
 * @param step     training steps done
 * @param psnr     PSNR (dB, normalized units) of the generator's outputs against the targets (unpaired training:
 *                 of the cycle reconstructions against the originals)
 * @param baseline PSNR of the inputs themselves against the targets (NaN when not comparable)
 * @param preview  first validation patch, first channel
 */
public record ValidationResult(long step, double psnr, double baseline, Preview preview) {

    /**
     * One validation patch for display: input, output and target (or a sample of the other domain), each
     * {@code width x height} (input scaled to the output size for super-resolution).
     */
    public record Preview(float[] input, float[] output, float[] target, int width, int height) {
    }
}
