package io.github.imagejgan.image;

import java.util.List;

import io.github.imagejgan.task.UserException;

/**
 * Exact percentiles of the pixels of a set of planes, without copying the image: 8-bit and 16-bit planes are
 * counted in one histogram pass; other planes are narrowed down by repeated histogram passes until the few values
 * around each wanted rank fit in memory. Percentiles interpolate linearly between ranks, like NumPy's default
 * ({@code numpy.percentile(..., method="linear")}). Each pass is a {@link PixelTally}, so an image spread over
 * many machines gives the same percentiles as one in memory.
 */
public final class Percentiles {

    /** Values that may be gathered and sorted in memory once a histogram bin holds no more than this. */
    private static final int GATHER_LIMIT = 1 << 20;

    private final PixelPasses pixels;

    private Percentiles(PixelPasses pixels) {
        this.pixels = pixels;
    }

    /**
     * Computes the given percentiles (0..100) over all pixels of all planes.
     *
     * @throws NonFiniteValuesException if any pixel is NaN or infinite
     */
    public static double[] of(List<PlaneAccess> planes, double... percents) {
        if (planes.stream().mapToLong(PlaneAccess::size).sum() == 0) {
            throw new UnsupportedImageException("The image has no pixels.");
        }
        int levels = planes.get(0).integerLevels();
        boolean histogramOnly = levels > 0 && planes.stream().allMatch(p -> p.integerLevels() == levels);
        return of(PixelPasses.of(planes), histogramOnly ? levels : 0, percents);
    }

    /**
     * Computes the given percentiles (0..100) over every pixel the passes visit: one pass for an integer image, a
     * few for others.
     *
     * @param integerLevels the number of values when every pixel is a small non-negative integer (see
     *                      {@link PlaneAccess#integerLevels()}), else 0
     * @throws NonFiniteValuesException if any pixel is NaN or infinite
     */
    public static double[] of(PixelPasses pixels, int integerLevels, double... percents) {
        for (double p : percents) {
            if (!(p >= 0 && p <= 100)) {
                throw new UserException("Percentiles lie between 0 and 100, got " + p);
            }
        }
        Percentiles data = new Percentiles(pixels);
        long count;
        RankSource ranks;
        if (integerLevels > 0) {
            PercentileTallies.Histogram histogram = pixels.pass(() -> new PercentileTallies.Histogram(integerLevels));
            count = histogram.count();
            ranks = histogram::valueAt;
        } else {
            PercentileTallies.Extrema extrema = pixels.pass(PercentileTallies.Extrema::new);
            extrema.throwIfNonFinite();
            count = extrema.count;
            ranks = k -> data.select(k, extrema.min, extrema.max);
        }
        if (count == 0) {
            throw new UnsupportedImageException("The image has no pixels.");
        }
        double[] result = new double[percents.length];
        for (int i = 0; i < percents.length; i++) {
            double position = percents[i] / 100.0 * (count - 1);
            long below = (long) Math.floor(position);
            long above = Math.min(below + 1, count - 1);
            double low = ranks.valueAt(below);
            double high = above == below ? low : ranks.valueAt(above);
            result[i] = low + (position - below) * (high - low);
        }
        return result;
    }

    @FunctionalInterface
    private interface RankSource {
        /** The value at 0-based rank {@code k} of the sorted pixels. */
        double valueAt(long k);
    }

    /** The k-th smallest value, knowing that it lies in [low, high]. */
    private double select(long k, double low, double high) {
        while (low < high) {
            double lo = low;
            double hi = high;
            PercentileTallies.Bins bins = pixels.pass(() -> new PercentileTallies.Bins(lo, hi));
            long seen = bins.under;
            int b = 0;
            while (seen + bins.counts[b] <= k) {
                seen += bins.counts[b++];
            }
            if (bins.binMin[b] == bins.binMax[b]) {
                return bins.binMin[b];
            }
            if (bins.counts[b] <= GATHER_LIMIT) {
                double binLow = bins.binMin[b];
                double binHigh = bins.binMax[b];
                return pixels.pass(() -> new PercentileTallies.Gathered(binLow, binHigh)).valueAt(k - seen);
            }
            // Every value of this bin, and no other, lies in [binMin, binMax]: search there next.
            low = bins.binMin[b];
            high = bins.binMax[b];
        }
        return low;
    }
}
