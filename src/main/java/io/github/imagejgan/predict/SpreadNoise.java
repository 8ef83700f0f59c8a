package io.github.imagejgan.predict;

import java.util.Random;

import io.github.imagejgan.image.NoiseSpread;

/**
 * Noise spread over neighbouring pixels by a Gaussian (demosaicing, resampling, compression): how far it is spread,
 * read from the correlation that {@link NoiseCeiling} measures, and probes correlated as such noise is.
 *
 * <p>What {@link NoiseCeiling} reads for each spread is simulated once (pure noise spread by 0 to 2.5 pixels, the
 * estimate taken as on an image), so that a correlation read from an image gives back the spread.
 */
final class SpreadNoise {

    /** Spreads simulated, in pixels; the correlations read grow with them. */
    private static final double[] SPREADS = { 0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5, 2.0, 2.5 };

    private SpreadNoise() {
    }

    /**
     * The spread, in pixels, that a correlation of neighbouring second differences means, interpolated between the
     * simulated readings (the ends held beyond them): 0 for white noise (-0.56), 0.6 at -0.39, 1 at +0.13.
     */
    static double spreadOf(double correlation) {
        return interpolated(Readings.CORRELATIONS, SPREADS, correlation);
    }

    /**
     * The share of noise spread by {@code spread} pixels that an 8 x 8 block holds about its mean (the median over
     * blocks; 1 for white noise, less the farther it is spread), interpolated between the simulated spreads.
     */
    static double blockFraction(double spread) {
        return interpolated(SPREADS, Readings.BLOCK_FRACTIONS, spread);
    }

    /**
     * The share of the variance of noise spread by {@code spread} pixels that {@link NoiseCeiling} reads (1 for white
     * noise, 0.02 at 1 pixel: its second differences cancel most of spread noise), interpolated between the simulated
     * spreads: the ceiling over it bounds the noise's variance from above, as the ceiling bounds white noise's.
     */
    static double ceilingFraction(double spread) {
        return interpolated(SPREADS, Readings.CEILING_FRACTIONS, spread);
    }

    /** {@code to} at the place of {@code value} along {@code from} (which grows), the ends held beyond it. */
    private static double interpolated(double[] from, double[] to, double value) {
        if (value <= from[0]) {
            return to[0];
        }
        for (int k = 1; k < from.length; k++) {
            if (value <= from[k]) {
                double t = (value - from[k - 1]) / (from[k] - from[k - 1]);
                return to[k - 1] + t * (to[k] - to[k - 1]);
            }
        }
        return to[to.length - 1];
    }

    /**
     * A probe of unit variance per pixel, correlated between neighbours as noise spread by {@code spread} pixels
     * ({@link NoiseSpread}): white Gaussian noise from {@code random}, spread.
     */
    static float[] probe(int width, int height, double spread, Random random) {
        float[] noise = new float[width * height];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        return NoiseSpread.spread(noise, width, height, spread);
    }

    /**
     * What noise of each of {@link SpreadNoise#SPREADS} reads as, simulated on first use only: a probe
     * ({@link #probe}) is drawn for every fitted denoising, the readings only where the noise may be spread.
     */
    private static final class Readings {

        /** The correlation {@link NoiseCeiling} reads on noise of each of {@link SpreadNoise#SPREADS}. */
        static final double[] CORRELATIONS = new double[SPREADS.length];

        /**
         * The median variance of unit-variance noise of each of {@link SpreadNoise#SPREADS} in 8 x 8 blocks, about
         * each block's mean: what is left of its variance in a block (at 1 pixel 0.79: spread noise has much of its
         * variance at frequencies lower than a block's).
         */
        static final double[] BLOCK_FRACTIONS = new double[SPREADS.length];

        /** The variance {@link NoiseCeiling} reads on unit-variance noise of each of {@link SpreadNoise#SPREADS}. */
        static final double[] CEILING_FRACTIONS = new double[SPREADS.length];

        static {
            int size = 258;
            float[] flat = new float[size * size];
            for (int k = 0; k < SPREADS.length; k++) {
                float[] noise = probe(size, size, SPREADS[k], new Random(20261205L));
                NoiseCeiling.Estimate estimate = NoiseCeiling.estimate(noise, flat, size, size);
                CORRELATIONS[k] = estimate.neighbourCorrelation();
                CEILING_FRACTIONS[k] = estimate.line().variance(0);
                BLOCK_FRACTIONS[k] = SpreadShare.medianBlockVariance(noise, size, size);
            }
        }

        private Readings() {
        }
    }
}
