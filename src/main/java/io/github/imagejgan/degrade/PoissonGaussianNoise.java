package io.github.imagejgan.degrade;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;

/**
 * Camera noise: photon shot noise (Poisson in the expected photon count) plus Gaussian read noise, the standard model
 * for fluorescence microscopy. An image value {@code v} stands for {@code v * photonsPerUnit} expected photons; the
 * result is {@code (Poisson(v * photonsPerUnit) + readNoise * N(0,1)) / photonsPerUnit}, in the image's own units, so
 * that clean and noisy images stay comparable. A lower {@code photonsPerUnit} is a dimmer, noisier acquisition of the
 * same scene. Results below zero are kept, as a camera offset would keep them. With a {@code spread} the noise is
 * correlated between neighbouring pixels, as a colour camera's demosaicing or a resampling leave it, at the same
 * level per pixel (each pixel's variance the mean of its neighbourhood's).
 *
 * @param readNoise      standard deviation of the read noise, in photons (electrons)
 * @param photonsPerUnit expected photons per unit of image value
 * @param spread         standard deviation, in pixels, of the Gaussian that spreads each pixel's noise over its
 *                       neighbours along rows; 0 for noise independent from pixel to pixel
 * @param spreadY        the same along columns (the same as {@code spread} unless the spread is anisotropic)
 * @param white          share of the variance left independent from pixel to pixel beside the spread noise (0 to 1)
 */
public record PoissonGaussianNoise(double readNoise, double photonsPerUnit, double spread, double spreadY,
        double white) implements Degradation {

    public static final String TYPE = "poisson-gaussian";

    public PoissonGaussianNoise {
        if (!(readNoise >= 0) || Double.isInfinite(readNoise)) {
            throw new UserException("Read noise must be finite and non-negative, got " + readNoise);
        }
        if (!(photonsPerUnit > 0) || Double.isInfinite(photonsPerUnit)) {
            throw new UserException("Photons per unit must be finite and positive, got " + photonsPerUnit);
        }
        PixelNoise.requireSpread(spread);
        PixelNoise.requireSpread(spreadY);
        PixelNoise.requireWhite(white);
    }

    /** Noise spread alike along both axes. */
    public PoissonGaussianNoise(double readNoise, double photonsPerUnit, double spread) {
        this(readNoise, photonsPerUnit, spread, spread, 0);
    }

    /** Noise independent from pixel to pixel. */
    public PoissonGaussianNoise(double readNoise, double photonsPerUnit) {
        this(readNoise, photonsPerUnit, 0);
    }

    /** Image values are photon counts. */
    public PoissonGaussianNoise(double readNoise) {
        this(readNoise, 1);
    }

    /** A noisy copy of {@code image} with noise independent from pixel to pixel, deterministic from the seed. */
    public float[] apply(float[] image, long seed) {
        Random random = new Random(seed);
        float[] noisy = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            double photons = poissonCount(Math.max(0, image[i] * photonsPerUnit), random)
                    + readNoise * random.nextGaussian();
            noisy[i] = (float) (photons / photonsPerUnit);
        }
        return noisy;
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        PlaneAccesses.requireSize(image, width, height);
        return new Degraded(PixelNoise.spread(image, apply(image, seed), width, height, spread, spreadY, white,
                () -> apply(image, Seeds.derive(seed, 1))), width, height);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.withShape(Descriptions.of("type", TYPE, "readNoise", readNoise, "photonsPerUnit",
                photonsPerUnit), spread, spreadY, white);
    }

    /** A Poisson count of the given mean (exact below 30, the normal approximation above). */
    public static double poissonCount(double mean, Random random) {
        if (mean > 30) {
            // Normal approximation: indistinguishable from Poisson at these counts and far faster.
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
