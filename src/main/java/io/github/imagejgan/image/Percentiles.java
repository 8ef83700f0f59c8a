package io.github.imagejgan.image;

import java.util.Arrays;
import java.util.List;

import io.github.imagejgan.task.UserException;

/**
 * Exact percentiles of the pixels of a set of planes, without copying the image: 8-bit and 16-bit planes are
 * counted in one histogram pass; other planes are narrowed down by repeated histogram passes until the few values
 * around each wanted rank fit in memory. Percentiles interpolate linearly between ranks, like NumPy's default
 * ({@code numpy.percentile(..., method="linear")}).
 */
public final class Percentiles {

    private static final int BINS = 1 << 16;
    /** Values that may be gathered and sorted in memory once a histogram bin holds no more than this. */
    private static final int GATHER_LIMIT = 1 << 20;

    private final List<PlaneAccess> planes;
    private final long count;

    private Percentiles(List<PlaneAccess> planes) {
        this.planes = List.copyOf(planes);
        long n = 0;
        for (PlaneAccess p : planes) {
            n += p.size();
        }
        if (n == 0) {
            throw new UnsupportedImageException("The image has no pixels.");
        }
        this.count = n;
    }

    /**
     * Computes the given percentiles (0..100) over all pixels of all planes.
     *
     * @throws NonFiniteValuesException if any pixel is NaN or infinite
     */
    public static double[] of(List<PlaneAccess> planes, double... percents) {
        for (double p : percents) {
            if (!(p >= 0 && p <= 100)) {
                throw new UserException("Percentiles lie between 0 and 100, got " + p);
            }
        }
        Percentiles data = new Percentiles(planes);
        int levels = planes.get(0).integerLevels();
        boolean histogramOnly = levels > 0 && planes.stream().allMatch(p -> p.integerLevels() == levels);
        RankSource ranks = histogramOnly ? data.integerHistogram(levels) : data.refiningSearch();
        double[] result = new double[percents.length];
        for (int i = 0; i < percents.length; i++) {
            double position = percents[i] / 100.0 * (data.count - 1);
            long below = (long) Math.floor(position);
            long above = Math.min(below + 1, data.count - 1);
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

    private void forEachRow(PlaneRows.Visitor visitor) {
        PlaneRows.forEach(planes, visitor);
    }

    private RankSource integerHistogram(int levels) {
        long[] histogram = new long[levels];
        forEachRow((row, n, p, y) -> {
            for (int x = 0; x < n; x++) {
                histogram[(int) row.get(x)]++;
            }
        });
        return k -> {
            long seen = 0;
            for (int v = 0; v < levels; v++) {
                seen += histogram[v];
                if (seen > k) {
                    return v;
                }
            }
            throw new IllegalStateException("Rank " + k + " beyond " + seen + " pixels");
        };
    }

    private RankSource refiningSearch() {
        double[] range = { Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
        PlaneRows.NonFiniteTally nonFinite = new PlaneRows.NonFiniteTally();
        forEachRow((row, n, p, y) -> {
            for (int x = 0; x < n; x++) {
                float v = row.get(x);
                if (nonFinite.check(v, x, y, p)) {
                    range[0] = Math.min(range[0], v);
                    range[1] = Math.max(range[1], v);
                }
            }
        });
        nonFinite.throwIfAny();
        return k -> select(k, range[0], range[1]);
    }

    /** The k-th smallest value, knowing that it lies in [low, high]. */
    private double select(long k, double low, double high) {
        while (low < high) {
            long[] counts = new long[BINS];
            double[] binMin = new double[BINS];
            double[] binMax = new double[BINS];
            Arrays.fill(binMin, Double.POSITIVE_INFINITY);
            Arrays.fill(binMax, Double.NEGATIVE_INFINITY);
            long[] under = { 0 };
            double lo = low;
            double hi = high;
            forEachRow((row, n, p, y) -> {
                for (int x = 0; x < n; x++) {
                    double v = row.get(x);
                    if (v < lo) {
                        under[0]++;
                    } else if (v <= hi) {
                        int b = bin(v, lo, hi);
                        counts[b]++;
                        binMin[b] = Math.min(binMin[b], v);
                        binMax[b] = Math.max(binMax[b], v);
                    }
                }
            });
            long seen = under[0];
            int b = 0;
            while (seen + counts[b] <= k) {
                seen += counts[b++];
            }
            if (counts[b] <= GATHER_LIMIT || binMin[b] == binMax[b]) {
                return gatherAndPick(k - seen, binMin[b], binMax[b], (int) counts[b]);
            }
            // Every value of this bin, and no other, lies in [binMin, binMax]: search there next.
            low = binMin[b];
            high = binMax[b];
        }
        return low;
    }

    private double gatherAndPick(long rankInBin, double low, double high, int size) {
        if (low == high) {
            return low;
        }
        float[] values = new float[size];
        int[] filled = { 0 };
        forEachRow((row, n, p, y) -> {
            for (int x = 0; x < n; x++) {
                float v = row.get(x);
                if (v >= low && v <= high) {
                    values[filled[0]++] = v;
                }
            }
        });
        Arrays.sort(values);
        return values[(int) rankInBin];
    }

    private static int bin(double v, double low, double high) {
        return (int) Math.min(BINS - 1, (v - low) / (high - low) * BINS);
    }
}
