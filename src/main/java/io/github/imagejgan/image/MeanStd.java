package io.github.imagejgan.image;

import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Mean and population standard deviation of the pixels of a set of planes (NumPy's {@code mean} and {@code std}
 * with {@code ddof=0}), for zero-mean, unit-variance normalization. Two passes over the rows, the second summing
 * squared deviations from the mean, so large offsets do not cancel the variance; nothing is copied.
 *
 * @param mean the mean value
 * @param std  the standard deviation
 */
public record MeanStd(double mean, double std) {

    /**
     * Statistics of all pixels of all planes.
     *
     * @throws NonFiniteValuesException if any pixel is NaN or infinite
     * @throws UnsupportedImageException if the planes hold no pixels
     */
    public static MeanStd of(List<PlaneAccess> planes) {
        long count = planes.stream().mapToLong(PlaneAccess::size).sum();
        if (count == 0) {
            throw new UnsupportedImageException("The image has no pixels.");
        }
        double[] sum = { 0 };
        PlaneRows.NonFiniteTally nonFinite = new PlaneRows.NonFiniteTally();
        PlaneRows.forEach(planes, (row, n, p, y) -> {
            for (int x = 0; x < n; x++) {
                float v = row.get(x);
                if (nonFinite.check(v, x, y, p)) {
                    sum[0] += v;
                }
            }
        });
        nonFinite.throwIfAny();
        double mean = sum[0] / count;
        double[] squares = { 0 };
        PlaneRows.forEach(planes, (row, n, p, y) -> {
            for (int x = 0; x < n; x++) {
                double d = row.get(x) - mean;
                squares[0] += d * d;
            }
        });
        return new MeanStd(mean, Math.sqrt(squares[0] / count));
    }

    /** Statistics of a list of values (NaN if it is empty). */
    public static MeanStd of(double[] values) {
        return of(values.length, i -> values[i]);
    }

    /** Statistics of a list of values (NaN if it is empty). */
    public static MeanStd of(float[] values) {
        return of(values.length, i -> values[i]);
    }

    private static MeanStd of(int count, IntToDoubleFunction value) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += value.applyAsDouble(i);
        }
        double mean = sum / count;
        double squares = 0;
        for (int i = 0; i < count; i++) {
            double d = value.applyAsDouble(i) - mean;
            squares += d * d;
        }
        return new MeanStd(mean, Math.sqrt(squares / count));
    }
}
