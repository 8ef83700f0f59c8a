package io.github.imagejgan.image;

import java.nio.FloatBuffer;
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
        long count = 0;
        double sum = 0;
        long nonFinite = 0;
        String first = null;
        int maxWidth = planes.stream().mapToInt(PlaneAccess::width).max().orElse(0);
        FloatBuffer row = FloatBuffer.allocate(maxWidth);
        for (int p = 0; p < planes.size(); p++) {
            PlaneAccess plane = planes.get(p);
            for (int y = 0; y < plane.height(); y++) {
                plane.readRow(y, 0, plane.width(), row, 0, LinearMap.IDENTITY);
                for (int x = 0; x < plane.width(); x++) {
                    float v = row.get(x);
                    if (Float.isFinite(v)) {
                        sum += v;
                    } else if (nonFinite++ == 0) {
                        first = "x=" + x + ", y=" + y + ", plane " + (p + 1);
                    }
                }
                count += plane.width();
            }
        }
        if (nonFinite > 0) {
            throw new NonFiniteValuesException(nonFinite, first);
        }
        if (count == 0) {
            throw new UnsupportedImageException("The image has no pixels.");
        }
        double mean = sum / count;
        double squares = 0;
        for (PlaneAccess plane : planes) {
            for (int y = 0; y < plane.height(); y++) {
                plane.readRow(y, 0, plane.width(), row, 0, LinearMap.IDENTITY);
                for (int x = 0; x < plane.width(); x++) {
                    double d = row.get(x) - mean;
                    squares += d * d;
                }
            }
        }
        return new MeanStd(mean, Math.sqrt(squares / count));
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
