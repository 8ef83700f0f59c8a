package io.github.imagejgan.predict;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import io.github.imagejgan.image.Mirror;

/**
 * Non-local means (Buades, Coll and Morel, 2005) of one plane: each pixel becomes the weighted mean of the pixels
 * within {@value #SEARCH_RADIUS} pixels whose surrounding patches look like its own, the weight
 * {@code exp(-max(d - 2 v, 0) / (s^2 v))} for a mean squared patch difference {@code d}, noise variance {@code v} and
 * a filter's strength {@code s}; weights below {@code exp(-}{@value #CUTOFF}{@code )} count as 0. The fast form takes
 * one offset at a time over the whole plane and slides the patch sums of its squared differences along columns and
 * rows, so its time hardly grows with the patch size, and one pass serves several filters at once.
 *
 * <p>Why here: it is the classical denoiser that the fitted blend of {@link DenoiseStrength} mixes with the network,
 * and the best classical filter on most real test images with Gaussian noise of 2 to 10 % of their range.
 */
final class NonLocalMeans {

    /** How far (pixels along X and Y) similar patches are searched. */
    static final int SEARCH_RADIUS = 6;

    /** Weights below {@code exp(-CUTOFF)} are left out: across an edge they add up to a visible blur. */
    static final double CUTOFF = 5;

    /** One filter: its patch radius (1: 3 x 3 patches) and strength (the cut-off over the noise's deviation). */
    record Filter(int patchRadius, double strength) {
    }

    /**
     * The filters the fitted blend mixes: small patches for edges and repeated shapes (text, silhouettes), larger
     * ones for texture and smooth regions.
     */
    static final List<Filter> BLENDED = List.of(new Filter(1, 1.2), new Filter(2, 1.0));

    /** How far from a pixel the values that decide its result lie: the search plus the largest blended patch. */
    static int reach() {
        return SEARCH_RADIUS + BLENDED.stream().mapToInt(Filter::patchRadius).max().orElse(0);
    }

    /** Threads one filtering uses at most. */
    static final int MAX_THREADS = 4;

    private static final int TABLE_SIZE = 4096;

    private static final float[] EXP = new float[TABLE_SIZE + 1];

    static {
        for (int i = 0; i <= TABLE_SIZE; i++) {
            EXP[i] = (float) Math.exp(-CUTOFF * i / TABLE_SIZE);
        }
    }

    private NonLocalMeans() {
    }

    /**
     * Each filter's result for {@code plane} ({@code width} x {@code height}, row-major) with noise variance
     * {@code variance}; copies of the plane where the variance is not positive.
     */
    static float[][] apply(float[] plane, int width, int height, double variance, List<Filter> filters) {
        float[][] out = new float[filters.size()][];
        if (!(variance > 0)) {
            for (int k = 0; k < out.length; k++) {
                out[k] = plane.clone();
            }
            return out;
        }
        int largest = filters.stream().mapToInt(Filter::patchRadius).max().orElse(0);
        Padded padded = new Padded(plane, width, height, SEARCH_RADIUS + largest);
        int[][] offsets = halfOffsets();
        // NB: each thread holds its own sums over the padded plane; a few threads use the cores a CPU run has
        // without a copy of the plane per core of a large server.
        int threads = Math.max(1, Math.min(Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS),
                offsets.length));
        Sums[] parts = IntStream.range(0, threads).parallel().mapToObj(part -> {
            Sums sums = new Sums(padded, filters, largest, variance);
            for (int o = part; o < offsets.length; o += threads) {
                sums.add(offsets[o][0], offsets[o][1]);
            }
            return sums;
        }).toArray(Sums[]::new);
        for (int k = 0; k < out.length; k++) {
            float[] result = new float[width * height];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = (y + padded.pad) * padded.width + x + padded.pad;
                    // NB: the pixel's own weight is 1 (its patch is its own).
                    double weighted = padded.values[p];
                    double weights = 1;
                    for (Sums sums : parts) {
                        weighted += sums.weighted[k][p];
                        weights += sums.weights[k][p];
                    }
                    result[y * width + x] = (float) (weighted / weights);
                }
            }
            out[k] = result;
        }
        return out;
    }

    /** One of each pair of opposite offsets within the search window, the zero offset left out. */
    private static int[][] halfOffsets() {
        int r = SEARCH_RADIUS;
        int[][] offsets = new int[r * (2 * r + 1) + r][];
        int n = 0;
        for (int dy = 0; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (dy > 0 || dx > 0) {
                    offsets[n++] = new int[] { dy, dx };
                }
            }
        }
        return offsets;
    }

    /** The plane mirrored out by {@code pad} pixels on every side. */
    private static final class Padded {

        final float[] values;
        final int width;
        final int height;
        final int pad;

        Padded(float[] plane, int planeWidth, int planeHeight, int pad) {
            this.pad = pad;
            width = planeWidth + 2 * pad;
            height = planeHeight + 2 * pad;
            values = Mirror.padded(plane, planeWidth, planeHeight, pad);
        }
    }

    /** Weighted sums and weights of each filter over the padded plane, for the offsets one thread takes. */
    private static final class Sums {

        final Padded padded;
        final List<Filter> filters;
        final int largest;
        final double variance;
        final float[][] weighted;
        final float[][] weights;
        /** The last rows of squared differences, enough for the largest patch and the row that leaves it. */
        final float[][] ring;
        /** Per filter, each column's sum of squared differences over the patch's rows. */
        final double[][] columns;

        Sums(Padded padded, List<Filter> filters, int largest, double variance) {
            this.padded = padded;
            this.filters = filters;
            this.largest = largest;
            this.variance = variance;
            weighted = new float[filters.size()][padded.values.length];
            weights = new float[filters.size()][padded.values.length];
            ring = new float[2 * largest + 2][padded.width];
            columns = new double[filters.size()][padded.width];
        }

        /**
         * Adds the pairs of pixels {@code (p, p + (dy, dx))}: both get the other's value with the weight of their
         * patches' distance. The patch sums slide: down each column over the patch's rows, then along each row.
         */
        void add(int dy, int dx) {
            int w = padded.width;
            int rows = padded.height - dy;
            float[] v = padded.values;
            int x0 = Math.max(0, -dx);
            int x1 = Math.min(w, w - dx);
            int r = largest;
            for (double[] column : columns) {
                Arrays.fill(column, 0);
            }
            for (int y = 0; y < rows; y++) {
                float[] row = ring[y % ring.length];
                int here = y * w;
                int there = (y + dy) * w + dx;
                for (int x = x0; x < x1; x++) {
                    float d = v[here + x] - v[there + x];
                    row[x] = d * d;
                }
                for (int k = 0; k < filters.size(); k++) {
                    int pr = filters.get(k).patchRadius();
                    double[] column = columns[k];
                    int leaving = y - 2 * pr - 1;
                    if (leaving >= 0) {
                        float[] old = ring[leaving % ring.length];
                        for (int x = x0; x < x1; x++) {
                            column[x] += row[x] - old[x];
                        }
                    } else {
                        for (int x = x0; x < x1; x++) {
                            column[x] += row[x];
                        }
                    }
                    int centre = y - pr;
                    if (centre >= r && centre < rows - r) {
                        addRow(k, centre, dy, dx, x0 + r, x1 - r);
                    }
                }
            }
        }

        /** Weights of filter {@code k} along row {@code y}, columns {@code from} to {@code to} (exclusive). */
        private void addRow(int k, int y, int dy, int dx, int from, int to) {
            Filter filter = filters.get(k);
            int pr = filter.patchRadius();
            double side = 2 * pr + 1;
            double perPixel = 1 / (side * side);
            double scale = TABLE_SIZE / (CUTOFF * filter.strength() * filter.strength() * variance);
            double offset = 2 * variance;
            double[] column = columns[k];
            float[] v = padded.values;
            float[] weightedK = weighted[k];
            float[] weightsK = weights[k];
            int w = padded.width;
            int shift = dy * w + dx;
            double sum = 0;
            for (int x = from - pr; x <= from + pr; x++) {
                sum += column[x];
            }
            for (int x = from; x < to; x++) {
                if (x > from) {
                    sum += column[x + pr] - column[x - pr - 1];
                }
                double at = Math.max(0, sum * perPixel - offset) * scale;
                if (at < TABLE_SIZE) {
                    // NB: interpolated, so that the weights move smoothly with the values (the fitted blend
                    // measures how the result moves with a small probe).
                    int index = (int) at;
                    float weight = (float) (EXP[index] + (at - index) * (EXP[index + 1] - EXP[index]));
                    int p = y * w + x;
                    int q = p + shift;
                    weightedK[p] += weight * v[q];
                    weightsK[p] += weight;
                    weightedK[q] += weight * v[p];
                    weightsK[q] += weight;
                }
            }
        }
    }
}
