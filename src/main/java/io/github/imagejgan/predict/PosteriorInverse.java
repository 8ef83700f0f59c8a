package io.github.imagejgan.predict;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * The signal under a denoised value, where noise biases what is measured: a denoiser that averages estimates the
 * mean of the measurement, {@code mean(signal)}, not the signal (Rician noise lifts a dark background, noise cut at
 * the end of an 8-bit range lifts what lies near it). Each value is mapped to the mean of the signals whose measured
 * mean lies near it, weighted by a Gaussian of the denoised values' own spread, not through the inverse of
 * {@code mean} alone: that inverse is steep where the bias is largest, and would turn the denoiser's small errors
 * there into large ones.
 */
final class PosteriorInverse {

    private static final int STEPS = 4000;

    /** How far (in spreads) a signal's mean may lie from a value and still count. */
    private static final double REACH = 7;

    private final double step;
    private final double[] signals;

    /**
     * @param mean   the mean of the measurement of each signal from 0 up, rising
     * @param extent the largest signal of the table
     * @param spread how far off a denoised value may be (a standard deviation), more than 0
     */
    PosteriorInverse(DoubleUnaryOperator mean, double extent, double spread) {
        step = extent / STEPS;
        double[] means = new double[STEPS + 1];
        for (int i = 0; i <= STEPS; i++) {
            means[i] = mean.applyAsDouble(i * step);
        }
        signals = new double[STEPS + 1];
        double reach = REACH * spread;
        for (int j = 0; j <= STEPS; j++) {
            double m = j * step;
            int from = lowerBound(means, m - reach);
            int to = lowerBound(means, m + reach);
            double weights = 0;
            double sum = 0;
            for (int i = from; i < to; i++) {
                double z = (m - means[i]) / spread;
                double weight = Math.exp(-0.5 * z * z);
                weights += weight;
                sum += weight * i * step;
            }
            // NB: no signal's mean lies near a value far below the mean of signal 0: the signal there is 0.
            signals[j] = weights > 0 ? sum / weights : m < means[0] ? 0 : extent;
        }
    }

    /** The signal under a denoised value from 0 to the table's extent (values below 0 count as 0). */
    double signal(double value) {
        double position = Math.max(0, value / step);
        int lower = Math.min(STEPS - 1, (int) position);
        double fraction = Math.min(1, position - lower);
        return signals[lower] + fraction * (signals[lower + 1] - signals[lower]);
    }

    /** The first index whose value is at least {@code value} (values sorted ascending). */
    private static int lowerBound(double[] sorted, double value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && sorted[index - 1] == value) {
            index--;
        }
        return index;
    }
}
