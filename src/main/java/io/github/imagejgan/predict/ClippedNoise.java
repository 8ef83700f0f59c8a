package io.github.imagejgan.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gaussian noise cut at the ends of an image's range, found on the noisy plane, and the bias it leaves in a denoised
 * plane near those ends, removed.
 *
 * <p>An 8-bit file (a camera's, a PNG) holds nothing below 0 or above 255: where the truth lies at either end, the
 * noise is cut there and its mean lifts (or lowers) the image by up to 0.4 sigma, which every filter that averages
 * keeps. Measured on the real test images with Gaussian noise saved as 8-bit (models/denoise-general.md, <i>Noise
 * clipped at the ends of an 8-bit range</i>): the image whose silhouette and background lie at 0 and 255 fell 0.8 to
 * 2.7 dB below the best classical filter.
 *
 * <p>How it is found: many pixels (at least {@value #MIN_SHARE_PERCENT} %) at exactly the plane's lowest or highest
 * value, and in the flat blocks where the noise straddles that value (a tenth to nine tenths of their pixels there),
 * the share cut off and the denoised mean agree on one sigma, as cut Gaussian noise gives them (the sigma for which a
 * signal with that share below the end has that mean), and that sigma matches the noise of the plane's uncut blocks
 * ({@link NoiseCeiling}), which must be white and grow with brightness by no more than its own variance over the
 * range (a line read from a few blocks tilts); where every block touches an end (a silhouette), both ends must be
 * cut and agree on sigma instead. Noise that is not cut (no pile at the ends), clean images with
 * saturated parts (no noise to match), Poisson noise (zero counts are no cut, and it grows with brightness) and a
 * result still noisy near the ends (its values there are no means) are left as they are.
 */
final class ClippedNoise {

    /** Side of the blocks whose statistics are compared (pixels). */
    static final int BLOCK = 8;

    /** The least share of pixels at an end for it to count as cut, in per cent. */
    static final double MIN_SHARE_PERCENT = 0.5;

    /** The fewest blocks where the noise straddles an end that a sigma is read from. */
    private static final int MIN_BLOCKS = 8;

    /** The most the denoised plane may vary near an end (over sigma) for its values to be taken for means. */
    private static final double MAX_SPREAD = 0.25;

    /** Extent of the table over sigma; beyond it the cut no longer moves the mean. */
    private static final double TABLE_SIGMAS = 12;

    private ClippedNoise() {
    }

    /**
     * One end of the range where the noise is cut.
     *
     * @param level     the end's value
     * @param direction 1 for the lowest value (the signal lies above it), -1 for the highest
     * @param sigma     the noise's sigma
     * @param spread    how far off a denoised value near the end may be (the denoised plane's standard deviation in
     *                  the blocks mostly cut off)
     */
    record End(double level, int direction, double sigma, double spread) {
    }

    /** The ends of a noisy plane's range where its noise is cut, read with its denoised plane; none if none is. */
    static List<End> detect(float[] noisy, float[] denoised, int width, int height) {
        List<End> ends = new ArrayList<>();
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        for (float v : noisy) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        int atLow = 0;
        int atHigh = 0;
        for (float v : noisy) {
            atLow += v == low ? 1 : 0;
            atHigh += v == high ? 1 : 0;
        }
        double pile = MIN_SHARE_PERCENT / 100 * noisy.length;
        boolean lowPiled = atLow >= pile;
        boolean highPiled = atHigh >= pile;
        if (!(high > low) || !lowPiled && !highPiled) {
            return ends;
        }
        NoiseCeiling.Estimate estimate = NoiseCeiling.estimate(noisy, denoised, width, height);
        if (estimate == null) {
            // NB: an image whose every part lies at one end or the other (a silhouette) has no uncut block to read
            // the noise from; its two ends, cut independently, must agree on it instead.
            if (!lowPiled || !highPiled) {
                return ends;
            }
            End lowest = end(noisy, denoised, width, height, low, 1, Double.POSITIVE_INFINITY);
            End highest = end(noisy, denoised, width, height, high, -1, Double.POSITIVE_INFINITY);
            if (lowest != null && highest != null && Math.abs(lowest.sigma() / highest.sigma() - 1) <= 0.25) {
                ends.add(lowest);
                ends.add(highest);
            }
            return ends;
        }
        if (!estimate.white() || estimate.line().gain() * (high - low) > estimate.line().floor()) {
            return ends;
        }
        for (int direction : new int[] { 1, -1 }) {
            if (!(direction == 1 ? lowPiled : highPiled)) {
                continue;
            }
            float level = direction == 1 ? low : high;
            double noise = Math.sqrt(estimate.line().variance(level));
            End end = end(noisy, denoised, width, height, level, direction, noise);
            if (end != null) {
                double ratio = end.sigma() / noise;
                if (ratio >= 0.7 && ratio <= 1.5) {
                    ends.add(end);
                }
            }
        }
        return ends;
    }

    /** Removes the bias of cut noise near each end from a denoised plane, in place. */
    static void correct(float[] denoised, List<End> ends) {
        for (End end : ends) {
            double sigma = end.sigma();
            double spread = Math.max(0.02 * sigma, end.spread());
            PosteriorInverse inverse = new PosteriorInverse(nu -> cutMean(nu, sigma), TABLE_SIGMAS * sigma, spread);
            double reach = TABLE_SIGMAS * sigma - 5 * spread;
            for (int i = 0; i < denoised.length; i++) {
                double above = end.direction() * (denoised[i] - end.level());
                if (above < reach) {
                    denoised[i] = (float) (end.level() + end.direction() * inverse.signal(above));
                }
            }
        }
    }

    /** The mean of {@code max(0, nu + n)}, n Gaussian of sigma {@code sigma}: noise cut at 0 over signal nu. */
    static double cutMean(double nu, double sigma) {
        double z = nu / sigma;
        return nu * normalCdf(z) + sigma * normalDensity(z);
    }

    /**
     * The sigma and spread of an end where pixels pile up, or null where the flat blocks straddling it are too few or
     * disagree. A block counts
     * as flat where the denoised plane varies in it by less than half the noise (any, where the noise is not known):
     * at an edge into brighter parts its mean says nothing of the noise.
     */
    private static End end(float[] noisy, float[] denoised, int width, int height, float level, int direction,
            double noise) {
        int columns = width / BLOCK;
        int blocks = columns * (height / BLOCK);
        double[] sigmas = new double[blocks];
        double[] spreads = new double[blocks];
        double[] straddling = new double[blocks];
        int straddles = 0;
        int near = 0;
        for (int b = 0; b < blocks; b++) {
            int x0 = b % columns * BLOCK;
            int y0 = b / columns * BLOCK;
            int cut = 0;
            double sum = 0;
            double squares = 0;
            for (int y = 0; y < BLOCK; y++) {
                for (int x = 0; x < BLOCK; x++) {
                    int i = (y0 + y) * width + x0 + x;
                    cut += noisy[i] == level ? 1 : 0;
                    sum += denoised[i];
                    squares += (double) denoised[i] * denoised[i];
                }
            }
            int n = BLOCK * BLOCK;
            double share = (double) cut / n;
            double mean = sum / n;
            double deviation = Math.sqrt(Math.max(0, squares / n - mean * mean));
            if (share > 0.1 && share < 0.9 && deviation < 0.5 * noise) {
                // NB: a signal nu with P(nu + noise below the end) = share lies z sigma inside, and its cut mean is
                // sigma (z Phi(z) + phi(z)) from the end.
                double z = -inverseNormalCdf(share);
                sigmas[straddles] = direction * (mean - level) / (z * normalCdf(z) + normalDensity(z));
                straddling[straddles++] = deviation;
            }
            if (share >= 0.3) {
                spreads[near++] = deviation;
            }
        }
        if (straddles < MIN_BLOCKS) {
            return null;
        }
        double[] found = Arrays.copyOf(sigmas, straddles);
        double sigma = NoiseCeiling.quantile(found, 0.5);
        double disagreement = (NoiseCeiling.quantile(found, 0.75) - NoiseCeiling.quantile(found, 0.25)) / sigma;
        if (!(sigma > 0) || disagreement >= 0.8) {
            return null;
        }
        double deviation = near > 0 ? NoiseCeiling.quantile(Arrays.copyOf(spreads, near), 0.5)
                : NoiseCeiling.quantile(Arrays.copyOf(straddling, straddles), 0.5);
        // NB: values still noisy near the end are no means of it (the correction would lift the pixels cut to the end
        // towards the others); measured on the real test images as 8-bit files, the denoised result there varies by
        // 0.01 to 0.2 sigma, and up to 1.4 sigma where the network left texture as it was.
        if (deviation >= MAX_SPREAD * sigma) {
            return null;
        }
        return new End(level, direction, sigma, deviation);
    }

    /** The standard normal density. */
    static double normalDensity(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** The standard normal distribution function (Abramowitz and Stegun 26.2.17; error below 7.5e-8). */
    static double normalCdf(double z) {
        if (z < 0) {
            return 1 - normalCdf(-z);
        }
        double t = 1 / (1 + 0.2316419 * z);
        double tail = normalDensity(z) * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t
                * (-1.821255978 + t * 1.330274429))));
        return 1 - tail;
    }

    /** The z whose distribution function is {@code p} (0 to 1, exclusive), by bisection. */
    static double inverseNormalCdf(double p) {
        double lo = -10;
        double hi = 10;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (normalCdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
