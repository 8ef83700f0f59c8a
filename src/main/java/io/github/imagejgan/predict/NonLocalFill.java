package io.github.imagejgan.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import io.github.imagejgan.image.Mirror;
import io.github.imagejgan.task.TaskMonitor;

/**
 * A non-local fill of holes: each missing pixel becomes the weighted mean of the known pixels within
 * {@value #SEARCH_RADIUS} pixels whose surrounding patches ({@code 2 }{@value #PATCH_RADIUS}{@code  + 1} pixels a
 * side) look like its own. The patches are compared on a guide, the image with a first fill in its holes: the known
 * pixels of a patch count fully, its filled ones {@value #HOLE_WEIGHT} times, so that a pixel deep in a hole is still
 * placed by its fill. A candidate's weight is {@code exp(-(d - dmin) / (}{@value #SHARPNESS}{@code  dmin + floor))}
 * for its mean squared patch difference {@code d} and the best candidate's {@code dmin}: the best matches decide, as
 * many as match about as well, whatever the image's contrast; the floor, a small share of the image's range, keeps
 * exact matches (flat regions) from dividing by zero.
 *
 * <p>Why: a stroke a few pixels wide across texture, a row of bricks or an edge leaves its continuation in the known
 * pixels beside it, and patches along the same edge or from the same pattern find it; a smooth fill and the network's
 * correction draw only what the hole's border implies. On photographs that are not test images (twelve of Debian's
 * wallpapers, 256 x 256, strokes 2 to 12 pixels wide over 8 %), this fill's share fitted on the image over the
 * network's result raised the gain over biharmonic fill from +1.45 to +3.25 dB on average (worst image +0.46 to
 * +0.63); in boxes of 20 to 60 pixels, whose middle no known patch reaches, its fitted share stays near 0. The
 * settings (11-pixel patches, search 10, filled pixels at 0.3, sharpness 0.5) were chosen there: larger patches and
 * candidates whose own patches may hold holes (only their centre must be known) found the continuation best.
 *
 * <p>Cost: one pass over the holes' bounding box per offset, in bands of rows whose distances are kept (each band
 * once, and the rows of half a patch around it); patch sums slide along columns, so the time does not grow with the
 * patch size. The offsets of a band are shared among a few threads, then its hole pixels. Keeping the distances spares
 * the second pass over every offset that each pixel's best distance otherwise needs before its weights: a round on a
 * 1024 x 1024 image with strokes over 8 % of it and as many hidden pixels took about 3.5 s on two cores with two
 * passes, about 2 s now.
 */
final class NonLocalFill {

    /** Patch radius (pixels): 11 x 11 patches. */
    static final int PATCH_RADIUS = 5;

    /** How far (pixels along X and Y) candidates are searched. */
    static final int SEARCH_RADIUS = 10;

    /** The weight of a patch's filled pixels in its distance (its known pixels count 1). */
    static final float HOLE_WEIGHT = 0.3f;

    /** A candidate's weight falls by e over this share of the best candidate's distance (plus the floor). */
    static final double SHARPNESS = 0.5;

    /** The floor of that scale: the square of this share of the image's range. */
    static final double FLOOR_SHARE = 1e-3;

    /** Weights below {@code exp(-CUTOFF)} are left out. */
    static final double CUTOFF = 10;

    /**
     * Patch distances kept at once (floats, 32 MB): the hole pixels' rows are filled in bands that hold about this
     * many distances, all offsets of a band first, then its weights.
     */
    static final int BAND_DISTANCES = 1 << 23;

    /** Threads one fill uses at most. */
    static final int MAX_THREADS = 4;

    private NonLocalFill() {
    }

    /**
     * The non-local fill of {@code holes} (1 where a pixel is missing, row-major, {@code width} x {@code height}).
     *
     * @param guide per channel, the image with a first fill in its holes
     * @param range   the image's range of values (sets the floor of the weights' scale)
     * @param monitor asked between offsets whether to stop
     * @return per channel, the guide with its hole pixels replaced by their non-local fill (left as they are where no
     *         known pixel lies within the search)
     */
    static List<float[]> fill(List<float[]> guide, byte[] holes, int width, int height, double range,
            TaskMonitor monitor) {
        return fill(guide, holes, width, height, range, monitor, BAND_DISTANCES);
    }

    /** As {@link #fill(List, byte[], int, int, double, TaskMonitor)}, with bands of about that many distances. */
    static List<float[]> fill(List<float[]> guide, byte[] holes, int width, int height, double range,
            TaskMonitor monitor, int bandDistances) {
        List<float[]> out = new ArrayList<>();
        for (float[] plane : guide) {
            out.add(plane.clone());
        }
        Layout layout = Layout.of(holes, width, height);
        if (layout == null) {
            return out;
        }
        int pad = SEARCH_RADIUS + PATCH_RADIUS;
        List<float[]> padded = guide.stream().map(p -> Mirror.padded(p, width, height, pad)).toList();
        float[] patchWeight = new float[width * height];
        for (int i = 0; i < patchWeight.length; i++) {
            patchWeight[i] = holes[i] != 0 ? HOLE_WEIGHT : 1;
        }
        Padding padding = new Padding(Mirror.padded(patchWeight, width, height, pad), width + 2 * pad, pad, width,
                height, holes);
        double floor = Math.pow(FLOOR_SHARE * range, 2);
        int[][] offsets = offsets();
        double[] norms = norms(layout, padding);
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS));
        List<Distances> workers = IntStream.range(0, threads).mapToObj(t -> new Distances(layout, padding, padded,
                norms)).toList();
        int perBand = Math.max(1, bandDistances / offsets.length);
        float[] distances = new float[offsets.length * Math.min(perBand + layout.widestRow(), layout.count())];
        for (int first = layout.minY(); first <= layout.maxY();) {
            int last = layout.bandEnd(first, perBand);
            fillBand(layout, first, last, offsets, workers, distances, padded, padding.stride, padding.pad, floor,
                    out, monitor);
            first = last + 1;
        }
        return out;
    }

    /**
     * Fills the hole pixels of rows {@code first..last}: every offset's patch distance of each first (the offsets
     * shared among the workers), then each pixel's weighted mean of its candidates.
     */
    private static void fillBand(Layout layout, int first, int last, int[][] offsets, List<Distances> workers,
            float[] distances, List<float[]> padded, int stride, int pad, double floor, List<float[]> out,
            TaskMonitor monitor) {
        int from = layout.rowStarts()[first];
        int count = layout.rowStarts()[last + 1] - from;
        if (count == 0) {
            return;
        }
        Arrays.fill(distances, 0, offsets.length * count, Float.POSITIVE_INFINITY);
        int threads = workers.size();
        IntStream.range(0, threads).parallel().forEach(part -> {
            Distances worker = workers.get(part);
            for (int o = part; o < offsets.length; o += threads) {
                monitor.checkCancelled();
                int at = o * count - from;
                worker.visit(offsets[o][0], offsets[o][1], first, last, (hole, distance) -> distances[at + hole] =
                        (float) distance);
            }
        });
        int channels = padded.size();
        IntStream.range(0, count).parallel().forEach(k -> {
            float best = Float.POSITIVE_INFINITY;
            for (int o = 0; o < offsets.length; o++) {
                best = Math.min(best, distances[o * count + k]);
            }
            if (best == Float.POSITIVE_INFINITY) {
                return;
            }
            double inverseScale = 1 / (SHARPNESS * best + floor);
            int pixel = layout.pixel(from + k);
            int width = stride - 2 * pad;
            int centre = (pixel / width + pad) * stride + pixel % width + pad;
            double weights = 0;
            double[] sums = new double[channels];
            for (int o = 0; o < offsets.length; o++) {
                double at = (distances[o * count + k] - best) * inverseScale;
                if (at < CUTOFF) {
                    double weight = Math.exp(-at);
                    int candidate = centre + offsets[o][0] * stride + offsets[o][1];
                    weights += weight;
                    for (int c = 0; c < channels; c++) {
                        sums[c] += weight * padded.get(c)[candidate];
                    }
                }
            }
            // NB: on a constant image (range and floor 0) every distance is 0 and its weight undefined; the guide stays.
            if (weights > 0) {
                for (int c = 0; c < channels; c++) {
                    out.get(c)[pixel] = (float) (sums[c] / weights);
                }
            }
        });
    }

    /** The patch weight sums of the hole pixels: each distance's denominator. */
    private static double[] norms(Layout layout, Padding padding) {
        double[] norms = new double[layout.count()];
        int stride = padding.stride;
        int pad = padding.pad;
        for (int y = layout.minY(); y <= layout.maxY(); y++) {
            for (int i = layout.rowStarts()[y]; i < layout.rowStarts()[y + 1]; i++) {
                int x = layout.columns()[i];
                double sum = 0;
                for (int ty = -PATCH_RADIUS; ty <= PATCH_RADIUS; ty++) {
                    int row = (y + ty + pad) * stride + pad;
                    for (int tx = -PATCH_RADIUS; tx <= PATCH_RADIUS; tx++) {
                        sum += padding.patchWeight[row + x + tx];
                    }
                }
                norms[i] = sum;
            }
        }
        return norms;
    }

    /** Every offset within the search window but the zero one. */
    private static int[][] offsets() {
        int r = SEARCH_RADIUS;
        int[][] offsets = new int[(2 * r + 1) * (2 * r + 1) - 1][];
        int n = 0;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (dy != 0 || dx != 0) {
                    offsets[n++] = new int[] { dy, dx };
                }
            }
        }
        return offsets;
    }

    /** The hole pixels row by row, and the rows and columns their patches span. */
    private record Layout(int[] rowStarts, int[] columns, int[] pixels, int minX, int maxX, int minY, int maxY) {

        /** Null where there is no hole. */
        static Layout of(byte[] holes, int width, int height) {
            int[] rowStarts = new int[height + 1];
            int count = 0;
            int minX = width;
            int maxX = -1;
            int minY = height;
            int maxY = -1;
            for (int y = 0; y < height; y++) {
                rowStarts[y] = count;
                for (int x = 0; x < width; x++) {
                    if (holes[y * width + x] != 0) {
                        count++;
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
            rowStarts[height] = count;
            if (count == 0) {
                return null;
            }
            int[] columns = new int[count];
            int[] pixels = new int[count];
            int n = 0;
            for (int i = 0; i < holes.length; i++) {
                if (holes[i] != 0) {
                    columns[n] = i % width;
                    pixels[n++] = i;
                }
            }
            return new Layout(rowStarts, columns, pixels, minX, maxX, minY, maxY);
        }

        int count() {
            return columns.length;
        }

        /** The most hole pixels one row holds. */
        int widestRow() {
            int widest = 0;
            for (int y = minY; y <= maxY; y++) {
                widest = Math.max(widest, rowStarts[y + 1] - rowStarts[y]);
            }
            return widest;
        }

        /**
         * The last row of a band that starts at row {@code first}: rows are added while the band holds at most
         * {@code limit} hole pixels, and at least one row.
         */
        int bandEnd(int first, int limit) {
            int last = first;
            while (last < maxY && rowStarts[last + 2] - rowStarts[first] <= limit) {
                last++;
            }
            return last;
        }

        /** The plane index of hole pixel {@code i}. */
        int pixel(int i) {
            return pixels[i];
        }
    }

    /**
     * The padded plane's patch weights (1 for known pixels, {@link #HOLE_WEIGHT} for filled ones) and which padded
     * pixels may be candidates: known pixels inside the plane.
     */
    private static final class Padding {

        final float[] patchWeight;
        final int stride;
        final int pad;
        final boolean[] candidate;

        Padding(float[] patchWeight, int stride, int pad, int width, int height, byte[] holes) {
            this.patchWeight = patchWeight;
            this.stride = stride;
            this.pad = pad;
            candidate = new boolean[patchWeight.length];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    candidate[(y + pad) * stride + x + pad] = holes[y * width + x] == 0;
                }
            }
        }
    }

    /** What is done with one hole pixel's distance to its candidate at one offset. */
    private interface Visitor {

        /**
         * @param hole     the hole pixel's index in the layout
         * @param distance the weighted mean squared difference of their patches on the guide
         */
        void accept(int hole, double distance);
    }

    /** One thread's patch distances: sums that slide down the columns of the holes' bounding box. */
    private static final class Distances {

        final Layout layout;
        final Padding padding;
        final List<float[]> padded;
        /** The patch weight sums of the hole pixels (the distance's denominator). */
        final double[] norms;
        final float[][] ring;
        final double[] columns;
        final double[] prefix;

        Distances(Layout layout, Padding padding, List<float[]> padded, double[] norms) {
            this.layout = layout;
            this.padding = padding;
            this.padded = padded;
            this.norms = norms;
            int span = layout.maxX() - layout.minX() + 1 + 2 * PATCH_RADIUS;
            ring = new float[2 * PATCH_RADIUS + 2][span];
            columns = new double[span];
            prefix = new double[span + 1];
        }

        /**
         * Visits every hole pixel of rows {@code firstRow..lastRow} whose candidate at offset {@code (dy, dx)} is a
         * known pixel inside the plane.
         */
        void visit(int dy, int dx, int firstRow, int lastRow, Visitor visitor) {
            int r = PATCH_RADIUS;
            int stride = padding.stride;
            int pad = padding.pad;
            int x0 = layout.minX() - r;
            int span = columns.length;
            int shift = dy * stride + dx;
            Arrays.fill(columns, 0);
            int top = firstRow - r;
            int bottom = lastRow + r;
            float[] weight = padding.patchWeight;
            for (int y = top; y <= bottom; y++) {
                float[] row = ring[(y - top) % ring.length];
                int at = (y + pad) * stride + x0 + pad;
                // NB: one channel at a time, in plain loops over arrays, which the compiler vectorizes.
                float[] plane0 = padded.get(0);
                for (int x = 0; x < span; x++) {
                    float d = plane0[at + x] - plane0[at + x + shift];
                    row[x] = d * d;
                }
                for (int c = 1; c < padded.size(); c++) {
                    float[] plane = padded.get(c);
                    for (int x = 0; x < span; x++) {
                        float d = plane[at + x] - plane[at + x + shift];
                        row[x] += d * d;
                    }
                }
                for (int x = 0; x < span; x++) {
                    row[x] *= weight[at + x];
                }
                int leaving = y - top - 2 * r - 1;
                if (leaving >= 0) {
                    float[] old = ring[leaving % ring.length];
                    for (int x = 0; x < span; x++) {
                        columns[x] += row[x] - old[x];
                    }
                } else {
                    for (int x = 0; x < span; x++) {
                        columns[x] += row[x];
                    }
                }
                int centre = y - r;
                if (centre < firstRow) {
                    continue;
                }
                int first = layout.rowStarts()[centre];
                int last = layout.rowStarts()[centre + 1];
                if (first == last) {
                    continue;
                }
                for (int x = 0; x < span; x++) {
                    prefix[x + 1] = prefix[x] + columns[x];
                }
                int rowAt = (centre + pad) * stride + pad;
                for (int i = first; i < last; i++) {
                    int x = layout.columns()[i];
                    int candidate = rowAt + x + shift;
                    if (padding.candidate[candidate]) {
                        int local = x - x0;
                        double sum = prefix[local + r + 1] - prefix[local - r];
                        visitor.accept(i, sum / norms[i]);
                    }
                }
            }
        }
    }
}
