package io.github.imagejgan.predict;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * Rician noise of magnitude images (MR), found on the noisy plane, and the lift it leaves in a denoised plane's dark
 * parts, removed.
 *
 * <p>An MR scanner stores the magnitude of a complex signal, so where the tissue is dark its noise no longer averages
 * out: a region whose true value is 0 reads, on average, 1.25 sigma (a Rayleigh distribution), and any denoiser that
 * averages (the network, non-local means, the Wiener filters) keeps that lift. Measured on the real-image table
 * (models/denoise-general.md, <i>Rician noise</i>): the lift was most of the error left at 5 and 10 % noise, where
 * the background is large ({@code horse}, the CT and MR slices, {@code camera}).
 *
 * <p>How it is found, without being told: the darkest 8 x 8 blocks of the noisy plane must look like pure Rayleigh
 * noise (mean about 1.91 times the standard deviation, skewed to the right, nothing below 0 and almost nothing at 0),
 * and the noise of the plane's brighter flat blocks must be the same sigma, not growing with brightness. Gaussian
 * noise (symmetric, as strong in the dark as in the bright), Gaussian noise clipped at 0 (a spike at 0) and
 * Poisson noise (growing with brightness, read noise below 0) fail these tests; on the 23 real test images at 11
 * Gaussian and Poisson strengths none was taken for Rician, nor was any image without noise.
 *
 * <p>How the lift is removed: each denoised value is taken for the mean of a Rician value and mapped back to the
 * signal whose mean it is, averaged over how far off the denoised value may be (its spread over the dark blocks,
 * where the truth is flat): the inverse of the mean alone is steep near the background's level, where it turns the
 * denoiser's small errors into large ones.
 */
final class RicianBackground {

    /** Side of the blocks whose statistics are compared (pixels). */
    static final int BLOCK = 8;

    /** A Rayleigh value's mean over sigma: sqrt(pi / 2). */
    private static final double RAYLEIGH_MEAN = Math.sqrt(Math.PI / 2);

    /** The least number of dark blocks the tests need, and their share of all blocks. */
    private static final int MIN_DARK_BLOCKS = 16;
    private static final double DARK_SHARE = 0.05;
    private static final double MAX_DARK_SHARE = 0.3;

    /** Extent of the table over sigma; beyond it the mean of a Rician value is the magnitude's. */
    private static final double TABLE_SIGMAS = 40;

    private RicianBackground() {
    }

    /**
     * Rician noise found on a plane.
     *
     * @param sigma      the noise's sigma, in the plane's values
     * @param darkBlocks the indices of the darkest blocks (row-major over the plane's whole blocks), the background
     *                   where the truth is taken to be flat
     */
    record Noise(double sigma, int[] darkBlocks) {
    }

    /** Rician noise of a noisy plane (in its own values, 0 its physical 0), or empty where it does not look so. */
    static Optional<Noise> detect(float[] noisy, int width, int height) {
        int columns = width / BLOCK;
        int rows = height / BLOCK;
        int blocks = columns * rows;
        int dark = Math.max(MIN_DARK_BLOCKS, (int) (DARK_SHARE * blocks));
        if (blocks == 0 || dark > MAX_DARK_SHARE * blocks) {
            return Optional.empty();
        }
        double[] means = new double[blocks];
        double[] deviations = new double[blocks];
        double[] differences = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            blockStatistics(noisy, width, b % columns * BLOCK, b / columns * BLOCK, b, means, deviations,
                    differences);
        }
        int[] darkest = darkest(means, dark);
        double[] ratios = new double[dark];
        double[] darkMeans = new double[dark];
        for (int i = 0; i < dark; i++) {
            ratios[i] = means[darkest[i]] / Math.max(deviations[darkest[i]], 1e-12);
            darkMeans[i] = means[darkest[i]];
        }
        double ratio = NoiseCeiling.quantile(ratios, 0.5);
        double sigma = NoiseCeiling.quantile(darkMeans, 0.25) / RAYLEIGH_MEAN;
        if (!(sigma > 0) || ratio < 1.6 || ratio > 2.3 || !rayleighShaped(noisy, width, columns, darkest)) {
            return Optional.empty();
        }
        return flatAboveBackground(means, differences, sigma) ? Optional.of(new Noise(sigma, darkest))
                : Optional.empty();
    }

    /**
     * Removes the Rician lift from a denoised plane in place: each value taken for the mean of a Rician value,
     * mapped to the posterior mean of the signal under it ({@link PosteriorInverse}). The curve's sigma is read from
     * the denoised background itself (its median level over the dark blocks is a Rayleigh mean), so that the
     * background comes out at 0 even where the noisy plane's estimate is a few percent off (the curve is steep there)
     * or the denoiser removed part of the lift already.
     *
     * @return whether the plane was corrected: not where the denoised background's level is far from what the noise
     *         found on the noisy plane gives (below half or above one and a half times)
     */
    static boolean correct(float[] denoised, int width, Noise noise) {
        double[] level = new double[1];
        double spread = backgroundStatistics(denoised, width, noise.darkBlocks(), level);
        double sigma = level[0] / RAYLEIGH_MEAN;
        if (!(sigma >= 0.5 * noise.sigma() && sigma <= 1.5 * noise.sigma())) {
            return false;
        }
        double extent = TABLE_SIGMAS * sigma;
        double floored = Math.max(0.02 * sigma, spread);
        PosteriorInverse inverse = new PosteriorInverse(nu -> riceMean(nu, sigma), extent, floored);
        double tableEnd = extent - 5 * floored;
        for (int i = 0; i < denoised.length; i++) {
            double m = denoised[i];
            denoised[i] = (float) (m > tableEnd ? Math.sqrt(Math.max(m * m - sigma * sigma, 0)) : inverse.signal(m));
        }
        return true;
    }

    /** The mean of a Rician value of signal {@code nu} and noise {@code sigma}. */
    static double riceMean(double nu, double sigma) {
        double x = nu * nu / (4 * sigma * sigma);
        return sigma * RAYLEIGH_MEAN * ((1 + 2 * x) * scaledBesselI0(x) + 2 * x * scaledBesselI1(x));
    }

    /**
     * Over the dark blocks of the denoised plane, the median of their standard deviations (returned: how far off a
     * denoised value may be where the truth is flat) and the median of their means ({@code level[0]}).
     */
    private static double backgroundStatistics(float[] denoised, int width, int[] darkBlocks, double[] level) {
        int columns = width / BLOCK;
        double[] means = new double[darkBlocks.length];
        double[] deviations = new double[darkBlocks.length];
        double[] differences = new double[darkBlocks.length];
        for (int i = 0; i < darkBlocks.length; i++) {
            int b = darkBlocks[i];
            blockStatistics(denoised, width, b % columns * BLOCK, b / columns * BLOCK, i, means, deviations,
                    differences);
        }
        level[0] = NoiseCeiling.quantile(means, 0.5);
        return NoiseCeiling.quantile(deviations, 0.5);
    }

    /**
     * The pooled pixels of the dark blocks as Rayleigh noise gives them: skewed to the right (skewness about 0.63),
     * none below 0 and almost none at 0 (a clipped or offset plane's are).
     */
    private static boolean rayleighShaped(float[] noisy, int width, int columns, int[] darkest) {
        double[] pixels = new double[darkest.length * BLOCK * BLOCK];
        int k = 0;
        for (int b : darkest) {
            for (int y = 0; y < BLOCK; y++) {
                int row = (b / columns * BLOCK + y) * width + b % columns * BLOCK;
                for (int x = 0; x < BLOCK; x++) {
                    pixels[k++] = noisy[row + x];
                }
            }
        }
        int n = pixels.length;
        double mean = DoubleStream.of(pixels).average().orElse(0);
        double second = DoubleStream.of(pixels).map(v -> (v - mean) * (v - mean)).sum();
        double third = DoubleStream.of(pixels).map(v -> (v - mean) * (v - mean) * (v - mean)).sum();
        long negative = DoubleStream.of(pixels).filter(v -> v < 0).count();
        long nonPositive = DoubleStream.of(pixels).filter(v -> v <= 0).count();
        double deviation = Math.sqrt(second / n);
        double skewness = deviation > 0 ? third / n / (deviation * deviation * deviation) : 0;
        return skewness >= 0.35 && skewness <= 1.0 && negative <= 0.002 * n && nonPositive <= 0.02 * n;
    }

    /**
     * Whether the flat blocks brighter than 4 sigma hold noise of about sigma at every brightness, as Rician noise
     * does well above its background, and unlike Poisson noise, whose variance grows with brightness: the lower and
     * the upper half of them by brightness compared (the tenth percentile of their noise estimates, the flattest).
     */
    private static boolean flatAboveBackground(double[] means, double[] differences, double sigma) {
        int[] bright = IntStream.range(0, means.length).filter(b -> means[b] > 4 * sigma).toArray();
        if (bright.length < MIN_DARK_BLOCKS) {
            return false;
        }
        double median = NoiseCeiling.quantile(IntStream.of(bright).mapToDouble(b -> means[b]).toArray(), 0.5);
        int[] lower = IntStream.of(bright).filter(b -> means[b] <= median).toArray();
        int[] upper = IntStream.of(bright).filter(b -> means[b] > median).toArray();
        if (lower.length == 0 || upper.length == 0) {
            return false;
        }
        double lowerNoise = NoiseCeiling.quantile(IntStream.of(lower).mapToDouble(b -> differences[b]).toArray(), 0.1);
        double upperNoise = NoiseCeiling.quantile(IntStream.of(upper).mapToDouble(b -> differences[b]).toArray(), 0.1);
        double lowerLevel = NoiseCeiling.quantile(IntStream.of(lower).mapToDouble(b -> means[b]).toArray(), 0.5);
        double upperLevel = NoiseCeiling.quantile(IntStream.of(upper).mapToDouble(b -> means[b]).toArray(), 0.5);
        double matching = lowerNoise / (sigma * sigma);
        return lowerNoise > 0 && matching >= 0.6 && matching <= 1.7
                && upperNoise / lowerNoise < 1 + 0.5 * (upperLevel / lowerLevel - 1);
    }

    /**
     * A block's mean, standard deviation and noise variance from its neighbour differences (half the mean squared
     * difference of horizontal and vertical neighbours inside it, which smooth content barely raises).
     */
    private static void blockStatistics(float[] plane, int width, int x0, int y0, int b, double[] means,
            double[] deviations, double[] differences) {
        double sum = 0;
        double squares = 0;
        double steps = 0;
        for (int y = 0; y < BLOCK; y++) {
            int row = (y0 + y) * width + x0;
            for (int x = 0; x < BLOCK; x++) {
                double v = plane[row + x];
                sum += v;
                squares += v * v;
                if (x + 1 < BLOCK) {
                    double d = plane[row + x + 1] - v;
                    steps += d * d;
                }
                if (y + 1 < BLOCK) {
                    double d = plane[row + width + x] - v;
                    steps += d * d;
                }
            }
        }
        int n = BLOCK * BLOCK;
        double mean = sum / n;
        means[b] = mean;
        deviations[b] = Math.sqrt(Math.max(0, squares / n - mean * mean));
        differences[b] = steps / (2.0 * 2 * BLOCK * (BLOCK - 1));
    }

    /** Indices of the {@code count} smallest means. */
    private static int[] darkest(double[] means, int count) {
        Integer[] order = new Integer[means.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(means[a], means[b]));
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = order[i];
        }
        return indices;
    }

    /** e^-x I0(x) for x at least 0 (Abramowitz and Stegun 9.8.1-2; relative error below 2e-7). */
    static double scaledBesselI0(double x) {
        if (x <= 3.75) {
            double t = x / 3.75;
            t *= t;
            return Math.exp(-x) * (1 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492 + t * (0.2659732 + t
                    * (0.0360768 + t * 0.0045813))))));
        }
        double t = 3.75 / x;
        return (0.39894228 + t * (0.01328592 + t * (0.00225319 + t * (-0.00157565 + t * (0.00916281 + t
                * (-0.02057706 + t * (0.02635537 + t * (-0.01647633 + t * 0.00392377)))))))) / Math.sqrt(x);
    }

    /** e^-x I1(x) for x at least 0 (Abramowitz and Stegun 9.8.3-4; relative error below 3e-7). */
    static double scaledBesselI1(double x) {
        if (x <= 3.75) {
            double t = x / 3.75;
            t *= t;
            return Math.exp(-x) * x * (0.5 + t * (0.87890594 + t * (0.51498869 + t * (0.15084934 + t
                    * (0.02658733 + t * (0.00301532 + t * 0.00032411))))));
        }
        double t = 3.75 / x;
        return (0.39894228 + t * (-0.03988024 + t * (-0.00362018 + t * (0.00163801 + t * (-0.01031555 + t
                * (0.02282967 + t * (-0.02895312 + t * (0.01787654 + t * -0.00420059)))))))) / Math.sqrt(x);
    }
}
