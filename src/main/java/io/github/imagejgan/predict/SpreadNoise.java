package io.github.imagejgan.predict;

import java.util.Locale;
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

    /**
     * Above this difference between the correlations of horizontal and of vertical neighbours
     * ({@link NoiseCeiling.Correlation#horizontal}), the noise is spread along one axis more than along the other (a
     * line-scanning detector's filter spreads it along its lines only: on the real test images spread by 1 pixel
     * along rows at 5 % of the range, horizontal +0.06 to +0.12, vertical -0.53 to -0.56); below, the two are one
     * spread read from their pool (noise spread alike reads within a few hundredths on both).
     */
    static final double ANISOTROPY = 0.25;

    /**
     * The last shape whose axes differ and what it reads as: an image's fit asks for it once per window, and the
     * next image brings its own.
     */
    private static volatile Reading lastAnisotropic;

    /** What pure noise of a shape reads as ({@link Readings#simulate}). */
    record Reading(Shape shape, double correlation, double blockFraction, double ceilingFraction) {
    }

    /**
     * How far noise is spread along rows ({@code x}) and along columns ({@code y}), in pixels; both 0 for white
     * noise.
     */
    record Shape(double x, double y) {

        /** White noise. */
        static final Shape NONE = new Shape(0, 0);

        /** Spread alike along both axes. */
        static Shape isotropic(double spread) {
            return new Shape(spread, spread);
        }

        /**
         * The shape that correlations of neighbouring second differences mean (pooled, horizontal, vertical), each
         * axis at least the smallest positive number: one spread read from the pool unless the axes differ by more
         * than {@link #ANISOTROPY}.
         */
        static Shape read(double pooled, double horizontal, double vertical) {
            if (Math.abs(horizontal - vertical) <= ANISOTROPY) {
                return isotropic(Math.max(spreadOf(pooled), Float.MIN_NORMAL));
            }
            return new Shape(Math.max(spreadOf(horizontal), Float.MIN_NORMAL), Math.max(spreadOf(vertical),
                    Float.MIN_NORMAL));
        }

        /** Whether the noise is spread at all. */
        boolean any() {
            return x > 0 || y > 0;
        }

        boolean isotropic() {
            return x == y;
        }

        /** For the log: one spread, or one per axis. */
        String describe() {
            return isotropic() ? String.format(Locale.ROOT, "%.2f pixels", x)
                    : String.format(Locale.ROOT, "%.2f pixels along rows and %.2f along columns", x, y);
        }
    }

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

    /** {@link #blockFraction(double)} for a shape; simulated once for a shape whose axes differ. */
    static double blockFraction(Shape shape) {
        return shape.isotropic() ? blockFraction(shape.x()) : anisotropic(shape).blockFraction();
    }

    /**
     * The share of the variance of noise spread by {@code spread} pixels that {@link NoiseCeiling} reads (1 for white
     * noise, 0.02 at 1 pixel: its second differences cancel most of spread noise), interpolated between the simulated
     * spreads: the ceiling over it bounds the noise's variance from above, as the ceiling bounds white noise's.
     */
    static double ceilingFraction(double spread) {
        return interpolated(SPREADS, Readings.CEILING_FRACTIONS, spread);
    }

    /** {@link #ceilingFraction(double)} for a shape; simulated once for a shape whose axes differ. */
    static double ceilingFraction(Shape shape) {
        return shape.isotropic() ? ceilingFraction(shape.x()) : anisotropic(shape).ceilingFraction();
    }

    /** What noise of {@code shape} reads as, simulated as {@link Readings} simulates it. */
    private static Reading anisotropic(Shape shape) {
        Reading last = lastAnisotropic;
        if (last == null || !last.shape().equals(shape)) {
            last = Readings.simulate(shape);
            lastAnisotropic = last;
        }
        return last;
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
        return probe(width, height, Shape.isotropic(spread), random);
    }

    /** A probe spread as noise of {@code shape} is. */
    static float[] probe(int width, int height, Shape shape, Random random) {
        float[] noise = new float[width * height];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        return NoiseSpread.spread(noise, width, height, shape.x(), shape.y());
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
            for (int k = 0; k < SPREADS.length; k++) {
                Reading read = simulate(Shape.isotropic(SPREADS[k]));
                CORRELATIONS[k] = read.correlation();
                BLOCK_FRACTIONS[k] = read.blockFraction();
                CEILING_FRACTIONS[k] = read.ceilingFraction();
            }
        }

        /** What pure noise of {@code shape} (258 x 258, one seed) reads as. */
        static Reading simulate(Shape shape) {
            int size = 258;
            float[] noise = probe(size, size, shape, new Random(20261205L));
            NoiseCeiling.Estimate estimate = NoiseCeiling.estimate(noise, new float[size * size], size, size);
            return new Reading(shape, estimate.neighbourCorrelation(), SpreadShare.medianBlockVariance(noise, size,
                    size), estimate.line().variance(0));
        }

        private Readings() {
        }
    }
}
