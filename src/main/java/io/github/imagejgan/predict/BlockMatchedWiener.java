package io.github.imagejgan.predict;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import io.github.imagejgan.image.Mirror;
import io.github.imagejgan.image.PlaneWindow;

/**
 * BM3D's second step (Dabov et al. 2007) with a given pilot estimate: for every reference block on a grid, the
 * {@code group} blocks within {@code radius} pixels that look most like it in the pilot (least squared difference;
 * the reference itself first) are stacked; the stack is transformed (each block's 2-D DCT, then an orthonormal Haar
 * transform across the stack), scaled coefficient by coefficient by {@code p^2 / (p^2 + v)}, {@code p} the pilot
 * stack's coefficient and {@code v} the noise variance, transformed back, and every block is added where it came
 * from, weighted by the inverse of its stack's summed squared factors (a stack that keeps little noise counts more).
 *
 * <p>Why, beside {@link PilotWiener}: blocks that repeat across the image (texture, edges along their length) share
 * their signal, so a stack's factors keep the signal and drop the noise better than one block's could. With the
 * result of {@link DenoiseStrength}'s mix as the pilot it refines that mix; on the real test images it gained most
 * on `horse` (edges along a silhouette; +0.92 dB at Gaussian noise of 2 %) and `brick` (+0.53 at 10 %).
 *
 * <p>Blocks that differ in the pilot by less than {@code alike} times the noise variance per pixel count as alike, and
 * of those the nearest are stacked: where the pilot is nearly flat, ranking blocks by their tiny differences ranks them
 * by the noise the pilot still holds, which correlates the stack with the noisy reference. The result then keeps
 * noise that {@link DenoiseStrength}'s risk estimate, which holds the stacks fixed, does not see: on the silhouette
 * `horse` at Gaussian noise of 10 % that estimate chose 0.55 of the refinement where the truth's best share was 0,
 * and lost 0.9 dB; with {@code alike} 0.25 the estimate's shares came within 0.01 to 0.02 dB of the truth's on average.
 *
 * <p>Reference blocks lie on a grid fixed in the caller's coordinates (as {@link PilotWiener}'s), values beyond the
 * plane's edges are its mirror image, and the stacks found on a pilot can be reused for a slightly moved input (the
 * probe {@link DenoiseStrength} measures the result's divergence with): for fixed stacks the result is linear in the
 * noisy image.
 *
 * @param block  side of the blocks, even
 * @param step   distance between neighbouring reference blocks
 * @param radius farthest offset of a matched block from its reference, in each direction
 * @param group  blocks per stack, a power of 2
 * @param alike  blocks whose mean squared difference in the pilot is below this many times the noise variance count
 *               as alike: the nearest of them are stacked
 */
record BlockMatchedWiener(int block, int step, int radius, int group, double alike) {

    /**
     * The refinement {@link DenoiseStrength} applies: blocks of 8 every 4 pixels, 16 per stack from offsets up to 8
     * pixels. On the real test images at Gaussian noise of 5 % (Python model with the plugin's mixes as pilots, the
     * share fitted as {@link DenoiseStrength} fits it) it added 0.13 dB to the mix; 8 per stack from offsets up to 6
     * pixels 0.10 dB, 32 from up to 8 (with a DCT across) 0.01 dB more than 16 at twice the cost.
     */
    static final BlockMatchedWiener REFINING = new BlockMatchedWiener(8, 4, 8, 16, 0.25);

    BlockMatchedWiener {
        BlockDct.requireEvenSide(block);
        if (step < 1 || step > block || radius < 0 || Integer.bitCount(group) != 1 || !(alike >= 0)) {
            throw new IllegalArgumentException("Blocks of " + block + " every " + step + " pixels, " + group
                    + " per stack within " + radius + ", alike below " + alike + ": the step must be 1 to the "
                    + "block's side, the stack a power of 2, alike at least 0");
        }
    }

    /** How far from a pixel the values (of the pilot or the noisy image) that decide its result lie. */
    int reach() {
        return 2 * radius + block - 1;
    }

    /** The blocks each reference block's stack holds, in plane coordinates, found on one pilot. */
    record Matches(int width, int height, int referenceRows, int[] rows, int[] cols) {
    }

    /**
     * The stacks of {@code pilot} ({@code width} x {@code height}, row-major).
     *
     * @param originX the plane's first column in the coordinates of the reference grid (whose blocks start at
     *                multiples of the step)
     * @param originY the plane's first row in those coordinates
     */
    Matches match(float[] pilot, int width, int height, double variance, int originX, int originY) {
        return match(pilot, width, height, variance, originX, originY, PlaneWindow.whole(width, height));
    }

    /**
     * The stacks of {@code pilot} whose blocks may lie in {@code needed}: a plane filtered with them is right there
     * (elsewhere it may keep the pilot's values).
     */
    Matches match(float[] pilot, int width, int height, double variance, int originX, int originY,
            PlaneWindow needed) {
        int pad = radius + block;
        int stride = width + 2 * pad;
        float[] p = Mirror.padded(pilot, width, height, pad);
        int[] ys = references(PilotWiener.firstOrigin(originY, block, step), height, needed.y(), needed.endY());
        int[] xs = references(PilotWiener.firstOrigin(originX, block, step), width, needed.x(), needed.endX());
        int firstY = ys[0];
        int firstX = xs[0];
        int refRows = ys[1];
        int refCols = xs[1];
        int[] rows = new int[refRows * refCols * group];
        int[] cols = new int[rows.length];
        int[][] offsets = offsets();
        double floor = alike * block * block * Math.max(variance, 0);
        IntStream.range(0, refRows).parallel().forEach(ry -> {
            double[] distances = new double[group];
            int[] chosen = new int[group];
            int by = firstY + ry * step;
            for (int rx = 0; rx < refCols; rx++) {
                int bx = firstX + rx * step;
                int reference = (by + pad) * stride + bx + pad;
                // NB: offsets[0] is the reference itself, nearest of all.
                int found = 0;
                for (int o = 0; o < offsets.length; o++) {
                    double limit = found < group ? Double.POSITIVE_INFINITY : distances[group - 1];
                    if (limit <= floor) {
                        break;
                    }
                    double d = Math.max(floor, distance(p, reference, reference + offsets[o][0] * stride
                            + offsets[o][1], stride, limit));
                    if (d < limit) {
                        int i = Math.min(found, group - 1);
                        while (i > 0 && distances[i - 1] > d) {
                            distances[i] = distances[i - 1];
                            chosen[i] = chosen[i - 1];
                            i--;
                        }
                        distances[i] = d;
                        chosen[i] = o;
                        found = Math.min(found + 1, group);
                    }
                }
                int at = (ry * refCols + rx) * group;
                for (int k = 0; k < group; k++) {
                    // NB: a plane with fewer candidates than the stack holds repeats the reference.
                    int o = k < found ? chosen[k] : 0;
                    rows[at + k] = by + offsets[o][0];
                    cols[at + k] = bx + offsets[o][1];
                }
            }
        });
        return new Matches(width, height, refRows, rows, cols);
    }

    /**
     * The first reference origin along one axis and the count of them whose stacks may reach {@code from} to
     * {@code to} (exclusive): a block of a stack lies up to {@code radius} from its reference.
     */
    private int[] references(int first, int size, int from, int to) {
        int low = Math.max(0, Math.floorDiv(from - block + 1 - radius - first + step - 1, step));
        int high = Math.min((size - 1 - first) / step, Math.floorDiv(to - 1 + radius - first, step));
        return new int[] { first + low * step, Math.max(0, high - low + 1) };
    }

    /** The offsets searched, nearest first (ties in a fixed order): the reference itself, then its neighbours. */
    private int[][] offsets() {
        int side = 2 * radius + 1;
        int[][] offsets = new int[side * side][];
        for (int o = 0; o < offsets.length; o++) {
            offsets[o] = new int[] { o / side - radius, o % side - radius };
        }
        Arrays.sort(offsets, Comparator.comparingInt((int[] o) -> o[0] * o[0] + o[1] * o[1]));
        return offsets;
    }

    /** Squared difference of two blocks of the padded plane, given up once it reaches {@code limit}. */
    private double distance(float[] p, int a, int b, int stride, double limit) {
        double sum = 0;
        for (int r = 0; r < block; r++) {
            int ra = a + r * stride;
            int rb = b + r * stride;
            for (int c = 0; c < block; c++) {
                double d = p[ra + c] - p[rb + c];
                sum += d * d;
            }
            if (sum >= limit) {
                return sum;
            }
        }
        return sum;
    }

    /** The filtered plane for the stacks found on a pilot; a copy of {@code noisy} where the variance is not positive. */
    float[] apply(float[] noisy, float[] pilot, Matches matches, double variance) {
        if (!(variance > 0)) {
            return noisy.clone();
        }
        int width = matches.width();
        int height = matches.height();
        int pad = radius + block;
        float[] y = Mirror.padded(noisy, width, height, pad);
        float[] p = Mirror.padded(pilot, width, height, pad);
        int rows = matches.referenceRows();
        int threads = Math.max(1, Math.min(Math.min(Runtime.getRuntime().availableProcessors(),
                NonLocalMeans.MAX_THREADS), rows));
        // NB: each thread adds its rows of stacks to its own sums; they are added up in a fixed order.
        Stacks[] parts = IntStream.range(0, threads).parallel().mapToObj(part -> {
            Stacks stacks = new Stacks(width, height, pad, variance);
            for (int row = part; row < rows; row += threads) {
                int perRow = matches.rows().length / rows;
                for (int start = row * perRow; start < (row + 1) * perRow; start += group) {
                    stacks.add(y, p, matches, start);
                }
            }
            return stacks;
        }).toArray(Stacks[]::new);
        float[] out = new float[width * height];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            double weight = 0;
            for (Stacks stacks : parts) {
                sum += stacks.sums[i];
                weight += stacks.weights[i];
            }
            out[i] = weight > 0 ? (float) (sum / weight) : pilot[i];
        }
        return out;
    }

    /**
     * One thread's stacks, added up over the plane, with the buffers they are transformed in: a stack is
     * {@code group} blocks of {@code block * block} values, one after the other.
     */
    private final class Stacks {

        final int width;
        final int height;
        final int pad;
        final double variance;
        final double[] sums;
        final double[] weights;
        final BlockDct square = new BlockDct(block);
        final int area = block * block;
        final double[] ys = new double[group * area];
        final double[] ps = new double[group * area];
        final double[] work = new double[group * area];

        Stacks(int width, int height, int pad, double variance) {
            this.width = width;
            this.height = height;
            this.pad = pad;
            this.variance = variance;
            sums = new double[width * height];
            weights = new double[width * height];
        }

        /** Filters the stack that starts at {@code start} of the matches and adds its blocks where they came from. */
        void add(float[] y, float[] p, Matches matches, int start) {
            int stride = width + 2 * pad;
            for (int k = 0; k < group; k++) {
                int origin = (matches.rows()[start + k] + pad) * stride + matches.cols()[start + k] + pad;
                for (int r = 0; r < block; r++) {
                    int from = origin + r * stride;
                    int to = k * area + r * block;
                    for (int c = 0; c < block; c++) {
                        ys[to + c] = y[from + c];
                        ps[to + c] = p[from + c];
                    }
                }
                square.square(ys, k * area, false);
                square.square(ps, k * area, false);
            }
            haar(ys, false);
            haar(ps, false);
            double kept = 0;
            for (int i = 0; i < ys.length; i++) {
                double power = ps[i] * ps[i];
                double factor = power / (power + variance);
                ys[i] *= factor;
                kept += factor * factor;
            }
            haar(ys, true);
            // NB: a stack whose pilot is flat zero keeps nothing: its blocks still count, as a stack keeping one
            // coefficient would.
            double weight = 1 / Math.max(kept, 1);
            for (int k = 0; k < group; k++) {
                square.square(ys, k * area, true);
                int by = matches.rows()[start + k];
                int bx = matches.cols()[start + k];
                for (int r = Math.max(0, -by); r < block && by + r < height; r++) {
                    int row = (by + r) * width;
                    for (int c = Math.max(0, -bx); c < block && bx + c < width; c++) {
                        sums[row + bx + c] += weight * ys[k * area + r * block + c];
                        weights[row + bx + c] += weight;
                    }
                }
            }
        }

        /**
         * The orthonormal Haar transform across the stack (or its inverse), in place: sums and differences of pairs
         * of blocks, then of the pairs' sums, and so on. BM3D's transform across its stacks: on the real test images
         * it scored 0.01 dB better than a DCT there, at a fraction of the cost.
         */
        private void haar(double[] stack, boolean inverse) {
            double scale = Math.sqrt(0.5);
            if (inverse) {
                for (int n = 2; n <= group; n *= 2) {
                    int half = n / 2;
                    for (int i = 0; i < half; i++) {
                        for (int j = 0; j < area; j++) {
                            double sum = stack[i * area + j];
                            double difference = stack[(half + i) * area + j];
                            work[2 * i * area + j] = (sum + difference) * scale;
                            work[(2 * i + 1) * area + j] = (sum - difference) * scale;
                        }
                    }
                    System.arraycopy(work, 0, stack, 0, n * area);
                }
            } else {
                for (int n = group; n > 1; n /= 2) {
                    int half = n / 2;
                    for (int i = 0; i < half; i++) {
                        for (int j = 0; j < area; j++) {
                            double a = stack[2 * i * area + j];
                            double b = stack[(2 * i + 1) * area + j];
                            work[i * area + j] = (a + b) * scale;
                            work[(half + i) * area + j] = (a - b) * scale;
                        }
                    }
                    System.arraycopy(work, 0, stack, 0, n * area);
                }
            }
        }
    }

    /** The filtered plane, its stacks found on {@code pilot}. */
    float[] apply(float[] noisy, float[] pilot, int width, int height, double variance, int originX, int originY) {
        return apply(noisy, pilot, match(pilot, width, height, variance, originX, originY), variance);
    }

    /** The filtered plane where {@code needed} says, its stacks found on {@code pilot}; elsewhere the pilot's values. */
    float[] apply(float[] noisy, float[] pilot, int width, int height, double variance, int originX, int originY,
            PlaneWindow needed) {
        return apply(noisy, pilot, match(pilot, width, height, variance, originX, originY, needed), variance);
    }
}
