package io.github.imagejgan.degrade;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.image.LinearResampling;
import io.github.imagejgan.image.NoiseLevel;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;

/**
 * How a lateral slice would look had it been recorded along z: blurred along its rows' direction by the part of the
 * axial point-spread function that is wider than the lateral one, sampled every {@code factor}-th row (the slice
 * spacing in pixel widths), and brought back to the full grid by linear interpolation, as a stack's slices are when
 * it is resampled to isotropic voxels. This is the training input of isotropic restoration (CARE's IsoNet, Weigert
 * et al. 2017): its target is the lateral slice itself, and the trained network then restores the XZ and YZ views of
 * the stack, whose rows are z. The first sampled row is drawn per image, so that the network learns every phase of
 * the sampling grid. The noise that the blur smooths is put back, as the camera adds it after the optics.
 *
 * @param factor    slice spacing over pixel width, 2 to 16
 * @param axialBlur standard deviation of the extra axial blur, in pixel widths (0 for none)
 */
public record AxialUndersampling(int factor, double axialBlur) implements Degradation {

    public static final String TYPE = "axial";

    public AxialUndersampling {
        if (factor < 2 || factor > 16) {
            throw new UserException("The axial undersampling factor (slice spacing over pixel width) must be 2 to "
                    + "16, got " + factor);
        }
        if (!(axialBlur >= 0) || Double.isInfinite(axialBlur)) {
            throw new UserException("Axial blur must be finite and non-negative, got " + axialBlur);
        }
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        PlaneAccesses.requireSize(image, width, height);
        if (height < factor) {
            throw new UserException("An image " + height + " rows high cannot be sampled every " + factor
                    + " rows.");
        }
        Random random = Seeds.random(seed);
        int phase = random.nextInt(factor);
        float[] blurred = axialBlur == 0 ? image : withNoiseRestored(image, width, height, Seeds.random(
                Seeds.derive(seed, 1)));
        int samples = (height - phase + factor - 1) / factor;
        LinearResampling grid = new LinearResampling(samples, factor, phase, height);
        float[] result = new float[image.length];
        for (int y = 0; y < height; y++) {
            int lower = phase + grid.lower(y) * factor;
            int upper = phase + grid.upper(y) * factor;
            float w = grid.weight(y);
            for (int x = 0; x < width; x++) {
                result[y * width + x] = (1 - w) * blurred[lower * width + x] + w * blurred[upper * width + x];
            }
        }
        return new Degraded(result, width, height);
    }

    /**
     * The image blurred along its rows, with the noise that the blur took out put back. A stack's axial views are
     * blurred by the optics before the camera adds its noise, so their noise is as strong as the lateral slices';
     * blurring a noisy lateral slice would also smooth its noise, and a network trained on such inputs would meet
     * stronger noise than it learned on (and amplify it: on noisy phantoms, 1.8 dB below linear interpolation).
     * The noise is estimated from the image ({@link NoiseLevel}); the blur keeps {@code sum(k^2)} of its variance.
     */
    private float[] withNoiseRestored(float[] image, int width, int height, Random random) {
        float[] kernel = Filters.gaussianKernel(axialBlur);
        float[] blurred = Filters.columns(image, width, height, kernel);
        double kept = 0;
        for (float k : kernel) {
            kept += k * k;
        }
        NoiseLevel noise = NoiseLevel.estimate(image, width, height);
        for (int i = 0; i < blurred.length; i++) {
            blurred[i] += (float) (Math.sqrt(noise.variance(blurred[i]) * (1 - kept)) * random.nextGaussian());
        }
        return blurred;
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "factor", factor, "axialBlur", axialBlur);
    }
}
