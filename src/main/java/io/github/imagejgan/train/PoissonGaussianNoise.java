package io.github.imagejgan.train;

import java.util.Random;

/**
 * Camera noise: photon shot noise (Poisson in the expected photon count) plus Gaussian read noise, the standard
 * model for fluorescence microscopy. Values are photon counts; results below zero are kept, as a camera offset
 * would keep them.
 *
 * @param readNoise standard deviation of the read noise, in photons
 */
public record PoissonGaussianNoise(double readNoise) {

    public PoissonGaussianNoise {
        if (!(readNoise >= 0)) {
            throw new IllegalArgumentException("Read noise must be non-negative, got " + readNoise);
        }
    }

    /** A noisy copy of {@code photons}, deterministic from the seed. */
    public float[] apply(float[] photons, long seed) {
        Random random = new Random(seed);
        float[] noisy = new float[photons.length];
        for (int i = 0; i < photons.length; i++) {
            noisy[i] = (float) (poisson(Math.max(0, photons[i]), random) + readNoise * random.nextGaussian());
        }
        return noisy;
    }

    private static double poisson(double mean, Random random) {
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
