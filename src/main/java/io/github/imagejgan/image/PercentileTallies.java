package io.github.imagejgan.image;

import java.nio.FloatBuffer;
import java.util.Arrays;

/** The tallies of the passes {@link Percentiles} makes; each merges exactly, so a pass may be split anywhere. */
final class PercentileTallies {

    private PercentileTallies() {
    }

    /** Counts of each value of an integer image (8-bit, 16-bit or RGB channels). */
    static final class Histogram implements PixelTally<Histogram> {

        private final long[] counts;

        Histogram(int levels) {
            counts = new long[levels];
        }

        @Override
        public void add(FloatBuffer row, int width, int plane, int y) {
            for (int x = 0; x < width; x++) {
                counts[(int) row.get(x)]++;
            }
        }

        @Override
        public Histogram merge(Histogram other) {
            for (int v = 0; v < counts.length; v++) {
                counts[v] += other.counts[v];
            }
            return this;
        }

        long count() {
            return Arrays.stream(counts).sum();
        }

        /** The value at 0-based rank {@code k} of the sorted pixels. */
        double valueAt(long k) {
            long seen = 0;
            for (int v = 0; v < counts.length; v++) {
                seen += counts[v];
                if (seen > k) {
                    return v;
                }
            }
            throw new IllegalStateException("Rank " + k + " beyond " + seen + " pixels");
        }
    }

    /**
     * Pixel count, smallest and largest finite value, and the NaN and infinite values with the place of the first
     * one (first in plane, row and column order), to fail once with a message that says where to look.
     */
    static final class Extrema implements PixelTally<Extrema> {

        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        private long nonFinite;
        private long[] first;

        @Override
        public void add(FloatBuffer row, int width, int plane, int y) {
            count += width;
            for (int x = 0; x < width; x++) {
                float v = row.get(x);
                if (Float.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                } else if (nonFinite++ == 0) {
                    first = new long[] { plane, y, x };
                }
            }
        }

        @Override
        public Extrema merge(Extrema other) {
            count += other.count;
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
            if (other.first != null && (first == null || Arrays.compare(other.first, first) < 0)) {
                first = other.first;
            }
            nonFinite += other.nonFinite;
            return this;
        }

        /** @throws NonFiniteValuesException if any value was NaN or infinite */
        void throwIfNonFinite() {
            if (nonFinite > 0) {
                throw new NonFiniteValuesException(nonFinite, "x=" + first[2] + ", y=" + first[1] + ", plane "
                        + (first[0] + 1));
            }
        }
    }

    /** Counts of the values in [low, high] by equal bins, with each bin's smallest and largest value. */
    static final class Bins implements PixelTally<Bins> {

        static final int COUNT = 1 << 16;

        private final double low;
        private final double high;
        final long[] counts = new long[COUNT];
        final double[] binMin = new double[COUNT];
        final double[] binMax = new double[COUNT];
        long under;

        Bins(double low, double high) {
            this.low = low;
            this.high = high;
            Arrays.fill(binMin, Double.POSITIVE_INFINITY);
            Arrays.fill(binMax, Double.NEGATIVE_INFINITY);
        }

        @Override
        public void add(FloatBuffer row, int width, int plane, int y) {
            for (int x = 0; x < width; x++) {
                double v = row.get(x);
                if (v < low) {
                    under++;
                } else if (v <= high) {
                    int b = (int) Math.min(COUNT - 1, (v - low) / (high - low) * COUNT);
                    counts[b]++;
                    binMin[b] = Math.min(binMin[b], v);
                    binMax[b] = Math.max(binMax[b], v);
                }
            }
        }

        @Override
        public Bins merge(Bins other) {
            under += other.under;
            for (int b = 0; b < COUNT; b++) {
                counts[b] += other.counts[b];
                binMin[b] = Math.min(binMin[b], other.binMin[b]);
                binMax[b] = Math.max(binMax[b], other.binMax[b]);
            }
            return this;
        }
    }

    /** Every value in [low, high], for sorting once they are few. */
    static final class Gathered implements PixelTally<Gathered> {

        private final double low;
        private final double high;
        private float[] values = new float[16];
        private int size;

        Gathered(double low, double high) {
            this.low = low;
            this.high = high;
        }

        @Override
        public void add(FloatBuffer row, int width, int plane, int y) {
            for (int x = 0; x < width; x++) {
                float v = row.get(x);
                if (v >= low && v <= high) {
                    append(v);
                }
            }
        }

        @Override
        public Gathered merge(Gathered other) {
            for (int i = 0; i < other.size; i++) {
                append(other.values[i]);
            }
            return this;
        }

        /** The value at 0-based rank {@code k} among the gathered ones. */
        double valueAt(long k) {
            float[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted[(int) k];
        }

        private void append(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
