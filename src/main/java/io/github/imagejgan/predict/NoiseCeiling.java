package io.github.imagejgan.predict;

import java.util.Arrays;
import java.util.Random;

/**
 * An estimate of an image's noise variance that texture can raise but hardly lower: a line in brightness, {@code
 * variance = gain * value + floor} (Poisson-Gaussian noise; gain 0 for Gaussian noise), read from the quietest blocks
 * of the image at each brightness.
 *
 * <p>How: the image's second differences along both axes (Immerkaer's mask, which cancels every quadratic surface, so
 * smooth shading adds nothing), their variance in 8 x 8 blocks, the blocks sorted by brightness into
 * {@value #BINS} groups of equal count; in each group the variance below which {@value #QUANTILE_PERCENT} % of its
 * blocks lie, divided by that quantile for pure white noise (blocks of noise alone scatter around their variance, and
 * the quiet tail would read low), at the median brightness of the blocks below it (the quietest blocks of a group are
 * also its darkest where the noise grows with brightness). Blocks that touch the image's lowest or highest value are
 * left out: clipping cuts the noise off there. Texture only adds to a block's variance, so where a group
 * has no flat block the line reads high, never much low: measured on 130 crops of the training content at random
 * Gaussian and Poisson noise, from 0.97 to 1.13 times the noise's standard deviation (median 1.02); on the real test
 * images 1.0 to 1.2 times at noise of 5 % of the range and above, and up to 7 times at 0.5 % on textured images.
 * {@link DenoiseStrength} relies on that: a noise level read too high only keeps more of the network's correction.
 * Noise spread over neighbouring pixels breaks it (second differences cancel part of it), so the estimate also says
 * how correlated neighbouring differences are in its quiet blocks.
 */
final class NoiseCeiling {

    /** Side of the blocks whose variance is measured. */
    static final int BLOCK = 8;

    /** Brightness groups. */
    static final int BINS = 6;

    /** The quantile of block variances taken in each group, in per cent. */
    static final int QUANTILE_PERCENT = 5;

    /** Fewest blocks per brightness group for an estimate. */
    static final int MIN_BLOCKS_PER_BIN = 4;

    /** The quantile of block variances of pure white noise of variance 1 (simulated once, fixed seed). */
    private static final double WHITE_QUANTILE = whiteNoiseQuantile();

    private NoiseCeiling() {
    }

    /**
     * Above this correlation of neighbouring second differences in the quiet blocks, the noise is not white: -0.55
     * for white noise, -0.47 once blurred by a Gaussian of 0.5 pixels, -0.40 by 0.57 pixels, -0.37 by 0.6, +0.14 by 1.
     * Faint white noise over fine texture can read above it (up to -0.36 on the real test images at 0.5 % of the
     * range, whose quietest blocks still hold texture); where a denoiser has a network for spread noise, that network
     * then restores the image with its share fitted ({@link Predictor#withSpreadNoise}, {@link SpreadShare}).
     */
    static final double WHITE_LIMIT = -0.40;

    /**
     * Above this correlation in the quiet blocks (and at most {@link #WHITE_LIMIT}) the noise may be spread, and where
     * a denoiser has a network for spread noise, that network's residual decides ({@link #RESIDUAL_SPREAD_LIMIT}):
     * noise spread by 0.5 pixels reads -0.50 to -0.44 on the real test images at 5 % of the range, white noise -0.51
     * or below from 5 % up, but up to -0.36 where the quiet blocks hold texture or the image's own correlated noise
     * (faint noise, 0.5 to 2 %). The white network keeps spread noise as texture: at 0.5 pixels and 5 %, 4.5 dB
     * below the best classical filter on average, 13.7 on a smooth image.
     */
    static final double SPREAD_SUSPECTED = -0.50;

    /**
     * Above this correlation of neighbouring second differences over all blocks of a spread-noise network's residual
     * (the noisy image less its result), the noise is spread: that residual is the noise the network removed, with
     * little texture in it, so its correlation tells the noise's spread even where the image's quiet blocks hold
     * texture. On the real test images at 5 % of the range: -0.64 to -0.68 for white noise (-0.75 on grass, whose
     * blades it removes), -0.55 to -0.59 for noise spread by 0.5 pixels; at 2 %: white noise -0.61 to -0.69, noise
     * spread by 0.6 pixels -0.44 to -0.59. Fainter white noise over texture reads up to -0.50 (0.5 %).
     */
    static final double RESIDUAL_SPREAD_LIMIT = -0.62;

    /** A variance line: {@code gain * value + floor}, both at least 0. */
    record Line(double gain, double floor) {

        double variance(double value) {
            return Math.max(0, gain * value + floor);
        }
    }

    /**
     * The variance line and the correlation of neighbouring second differences in the blocks it was read from, which
     * tells white noise (the line's premise) from noise spread over neighbouring pixels (demosaicing, compression,
     * resampling), whose second differences read it low.
     */
    record Estimate(Line line, double neighbourCorrelation) {

        boolean white() {
            return neighbourCorrelation <= WHITE_LIMIT;
        }
    }

    /**
     * The noise variance line of {@code noisy}, with the brightness of each block read from {@code clean} (the
     * network's result: its brightness is not raised or lowered by the noise).
     *
     * @return the estimate, or null for an image too small to give {@value #MIN_BLOCKS_PER_BIN} blocks per group
     */
    static Estimate estimate(float[] noisy, float[] clean, int width, int height) {
        int bw = (width - 2) / BLOCK;
        int bh = (height - 2) / BLOCK;
        int count = bw * bh;
        if (bw < 1 || bh < 1 || count < BINS * MIN_BLOCKS_PER_BIN) {
            return null;
        }
        double[] variances = new double[count];
        double[] brightness = new double[count];
        blockStatistics(noisy, clean, width, bw, bh, variances, brightness);
        boolean[] clipped = clippedBlocks(noisy, width, bw, bh);
        Integer[] order = new Integer[count];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (!clipped[i]) {
                order[kept++] = i;
            }
        }
        if (kept < BINS * MIN_BLOCKS_PER_BIN) {
            return null;
        }
        count = kept;
        order = Arrays.copyOf(order, kept);
        Arrays.sort(order, (a, b) -> Double.compare(brightness[a], brightness[b]));
        double[] xs = new double[BINS];
        double[] vs = new double[BINS];
        Correlation correlation = new Correlation();
        for (int k = 0; k < BINS; k++) {
            int from = k * count / BINS;
            int to = (k + 1) * count / BINS;
            double[] v = new double[to - from];
            for (int i = from; i < to; i++) {
                v[i - from] = variances[order[i]];
            }
            double quiet = quantile(v.clone(), QUANTILE_PERCENT / 100.0);
            double[] quietBrightness = new double[v.length];
            int n = 0;
            for (int i = from; i < to; i++) {
                if (variances[order[i]] <= quiet) {
                    quietBrightness[n++] = brightness[order[i]];
                    correlation.add(noisy, width, order[i] % bw, order[i] / bw);
                }
            }
            xs[k] = quantile(Arrays.copyOf(quietBrightness, n), 0.5);
            vs[k] = quiet / WHITE_QUANTILE;
        }
        return new Estimate(fit(xs, vs), correlation.value());
    }

    /** The correlation of horizontally and vertically neighbouring second differences, pooled over blocks. */
    static final class Correlation {

        private double products;
        private double squares;

        /** Adds every block of {@code values} ({@code width} x {@code height}) that its second differences fill. */
        Correlation addPlane(float[] values, int width, int height) {
            for (int by = 0; by < (height - 2) / BLOCK; by++) {
                for (int bx = 0; bx < (width - 2) / BLOCK; bx++) {
                    add(values, width, bx, by);
                }
            }
            return this;
        }

        /** Adds block ({@code bx}, {@code by}), its differences taken about their mean. */
        void add(float[] image, int width, int bx, int by) {
            double[] e = new double[BLOCK * BLOCK];
            double mean = 0;
            for (int y = 0; y < BLOCK; y++) {
                for (int x = 0; x < BLOCK; x++) {
                    e[y * BLOCK + x] = secondDifference(image, width, 1 + bx * BLOCK + x, 1 + by * BLOCK + y);
                    mean += e[y * BLOCK + x] / e.length;
                }
            }
            for (int i = 0; i < e.length; i++) {
                e[i] -= mean;
                squares += e[i] * e[i];
            }
            for (int y = 0; y < BLOCK; y++) {
                for (int x = 0; x < BLOCK; x++) {
                    if (x + 1 < BLOCK) {
                        products += e[y * BLOCK + x] * e[y * BLOCK + x + 1];
                    }
                    if (y + 1 < BLOCK) {
                        products += e[y * BLOCK + x] * e[(y + 1) * BLOCK + x];
                    }
                }
            }
        }

        /** Products of neighbours over as many pairs' worth of squares (2 (n - 1) / n of them per block row). */
        double value() {
            return squares > 0 ? products / (2.0 * squares * (BLOCK - 1) / BLOCK) : 0;
        }
    }

    /** Least-squares line through the groups' points, kept at gain and floor of at least 0. */
    static Line fit(double[] xs, double[] vs) {
        int n = xs.length;
        double mx = 0;
        double mv = 0;
        for (int i = 0; i < n; i++) {
            mx += xs[i] / n;
            mv += vs[i] / n;
        }
        double sxx = 0;
        double sxv = 0;
        for (int i = 0; i < n; i++) {
            sxx += (xs[i] - mx) * (xs[i] - mx);
            sxv += (xs[i] - mx) * (vs[i] - mv);
        }
        double gain = sxx > 0 ? sxv / sxx : 0;
        double floor = mv - gain * mx;
        if (gain < 0) {
            return new Line(0, Math.max(0, mv));
        }
        if (floor < 0) {
            double x2 = 0;
            double xv = 0;
            for (int i = 0; i < n; i++) {
                x2 += xs[i] * xs[i];
                xv += xs[i] * vs[i];
            }
            return new Line(x2 > 0 ? Math.max(0, xv / x2) : 0, 0);
        }
        return new Line(gain, floor);
    }

    /**
     * Per 8 x 8 block of the second-difference image (which starts one pixel in from the image's edge): the variance
     * of the differences and the mean of {@code clean} over the same pixels.
     */
    private static void blockStatistics(float[] noisy, float[] clean, int width, int bw, int bh, double[] variances,
            double[] brightness) {
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                double sum = 0;
                double sumSquares = 0;
                double light = 0;
                for (int y = 1 + by * BLOCK; y < 1 + (by + 1) * BLOCK; y++) {
                    for (int x = 1 + bx * BLOCK; x < 1 + (bx + 1) * BLOCK; x++) {
                        double e = secondDifference(noisy, width, x, y);
                        sum += e;
                        sumSquares += e * e;
                        light += clean[y * width + x];
                    }
                }
                int n = BLOCK * BLOCK;
                double mean = sum / n;
                variances[by * bw + bx] = Math.max(0, sumSquares / n - mean * mean);
                brightness[by * bw + bx] = light / n;
            }
        }
    }

    /**
     * Blocks that hold the image's lowest or highest value, with the pixels around them that the second differences
     * use: where an image is clipped (a background at 0, saturated highlights) its noise is cut off, and such blocks
     * would read the noise low.
     */
    static boolean[] clippedBlocks(float[] image, int width, int bw, int bh) {
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        for (float v : image) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        boolean[] clipped = new boolean[bw * bh];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                search:
                for (int y = by * BLOCK; y < (by + 1) * BLOCK + 2; y++) {
                    for (int x = bx * BLOCK; x < (bx + 1) * BLOCK + 2; x++) {
                        float v = image[y * width + x];
                        if (v == low || v == high) {
                            clipped[by * bw + bx] = true;
                            break search;
                        }
                    }
                }
            }
        }
        return clipped;
    }

    /** Immerkaer's mask [1 -2 1; -2 4 -2; 1 -2 1] at (x, y), divided by 6 so that white noise keeps its variance. */
    static double secondDifference(float[] image, int width, int x, int y) {
        int i = y * width + x;
        double corners = image[i - width - 1] + image[i - width + 1] + image[i + width - 1] + image[i + width + 1];
        double sides = image[i - width] + image[i + width] + image[i - 1] + image[i + 1];
        return (4.0 * image[i] - 2.0 * sides + corners) / 6.0;
    }

    /** The {@code q} quantile of {@code values} (sorted in place), interpolated linearly between neighbours. */
    static double quantile(double[] values, double q) {
        Arrays.sort(values);
        double position = q * (values.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(values.length - 1, lower + 1);
        return values[lower] + (position - lower) * (values[upper] - values[lower]);
    }

    private static double whiteNoiseQuantile() {
        int size = 514;
        float[] noise = new float[size * size];
        Random random = new Random(20261203L);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        int blocks = (size - 2) / BLOCK;
        double[] variances = new double[blocks * blocks];
        blockStatistics(noise, noise, size, blocks, blocks, variances, new double[blocks * blocks]);
        return quantile(variances, QUANTILE_PERCENT / 100.0);
    }
}
