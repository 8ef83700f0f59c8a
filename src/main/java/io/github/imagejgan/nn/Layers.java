package io.github.imagejgan.nn;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/** Small building blocks and tensor operations shared by the networks and their training. */
public final class Layers {

    /** Slope of the leaky ReLU used throughout, as in pix2pix and CycleGAN. */
    static final float LEAK = 0.2f;

    private Layers() {
    }

    /** A square convolution with "same" padding for odd kernels and the given stride. */
    static Conv2d conv(int filters, int kernel, int stride, int padding) {
        return new NarrowConvolutions.Conv2d(Conv2d.builder().setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).setFilters(filters));
    }

    static Block leakyRelu() {
        return LambdaBlock.singleton(x -> Activation.leakyRelu(x, LEAK), "leakyRelu");
    }

    /**
     * Rearranges {@code C*r*r} channels into a grid {@code r} times finer (PyTorch's {@code pixel_shuffle}), which
     * the engine lacks as an operation.
     */
    public static NDArray pixelShuffle(NDArray x, int r) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1) / ((long) r * r);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, h * r, w * r);
    }

    /**
     * Keys cubic convolution (a = -0.5, ImageJ's and most viewers' "bicubic") at the two sample positions a factor-2
     * upsampling puts between input pixels, i - 1/4 and i + 1/4 (pixel centres aligned as in PyTorch's
     * {@code align_corners=False}); taps at i-2 .. i+2.
     */
    private static final float[][] BICUBIC_PHASES = {
        { -0.0234375f, 0.2265625f, 0.8671875f, -0.0703125f, 0f },
        { 0f, -0.0703125f, 0.8671875f, 0.2265625f, -0.0234375f } };

    /** Linear interpolation at the same two positions; taps at i-1 .. i+1. */
    private static final float[][] BILINEAR_PHASES = { { 0.25f, 0.75f, 0f }, { 0f, 0.75f, 0.25f } };

    /** Weights of the four neighbours whose mean replaces a missing pixel in each smoothing pass of a fill. */
    private static final float[] NEIGHBOUR_MEAN = { 0, 0.25f, 0, 0.25f, 0, 0.25f, 0, 0.25f, 0 };

    /** Smoothing passes at each level of a fill's pyramid. */
    private static final int FILL_SMOOTHING = 16;

    /**
     * The 13-point biharmonic stencil solved for the centre (Laplacian squared = 0: 8 x the four neighbours, -2 x the
     * diagonals, -1 x the pixels two away, over 20).
     */
    private static final float[] BIHARMONIC = {
        0, 0, -1, 0, 0,
        0, -2, 8, -2, 0,
        -1, 8, 0, 8, -1,
        0, -2, 8, -2, 0,
        0, 0, -1, 0, 0 };

    /** The 5-point Laplacian. */
    private static final float[] LAPLACIAN = { 0, 1, 0, 1, -4, 1, 0, 1, 0 };

    /**
     * Conjugate-gradient steps of the thin-plate fill. 100: on the real-image benchmark inpaint-general (trained with
     * 200) scored as well with 100 (boxes +1.21 against +1.12 dB over the biharmonic fill, strokes +0.13 against
     * +0.12), and a 1024 x 1024 image took 11-12 s instead of 47-52 s (models/inpaint-general.md).
     */
    private static final int THIN_PLATE_ITERATIONS = 100;

    /** Smallest denominator of a conjugate-gradient step (planes without holes have none). */
    private static final float TINY = 1e-30f;

    /** Fall of the squared residual at which a plane's conjugate gradients stop. */
    private static final float CONVERGED = 1e-10f;

    /** Damped relaxation passes towards the biharmonic fill at full resolution, and their step (1 is unstable). */
    private static final int BIHARMONIC_PASSES = 200;
    private static final float BIHARMONIC_STEP = 0.5f / 20;

    /**
     * Bicubic upsampling by 2 or 4 (4 as two steps of 2, which puts the samples where a single factor-4 step would),
     * with the image edge repeated outward. A fixed grouped convolution gives the four sub-pixel phases of each
     * channel, which a pixel shuffle interleaves; nothing in it is trained.
     */
    public static NDArray upsampleBicubic(NDArray x, int factor) {
        NDArray h = x;
        for (int f = factor; f > 1; f /= 2) {
            h = upsample2(h, BICUBIC_PHASES);
        }
        return h;
    }

    /** Upsampling by 2 with fixed per-phase 1-D kernels (separable), edges repeated. */
    private static NDArray upsample2(NDArray x, float[][] phases) {
        long channels = x.getShape().get(1);
        int taps = phases[0].length;
        float[] weights = new float[(int) channels * 4 * taps * taps];
        int i = 0;
        for (long c = 0; c < channels; c++) {
            for (float[] rows : phases) {
                for (float[] columns : phases) {
                    for (float r : rows) {
                        for (float col : columns) {
                            weights[i++] = r * col;
                        }
                    }
                }
            }
        }
        NDArray kernel = x.getManager().create(weights, new Shape(4 * channels, 1, taps, taps));
        return pixelShuffle(fixedConv(replicateEdges(x, taps / 2), kernel, channels), 2);
    }

    private static NDArray fixedConv(NDArray x, NDArray kernel, long groups) {
        return Conv2d.conv2d(x, kernel, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), (int) groups)
                .singletonOrThrow();
    }

    /**
     * A smooth fill of the pixels where {@code known} is 0 from those where it is 1 (both {@code [N, C, H, W]}, the
     * mask broadcast over channels), close to the harmonic (membrane) fill: a pull-push pyramid with smoothing at
     * every level. Known values and their coverage are averaged down 2x2 per level to one pixel; then, from the
     * coarsest level up, each level blends its known mean with the bilinearly upsampled coarser fill by its coverage
     * and relaxes the uncovered part towards the mean of its four neighbours ({@value #FILL_SMOOTHING} passes). The
     * passes at coarse levels carry the surroundings far into large holes, those at fine levels make the fill meet
     * the border; without them the fill of a large hole is the mean of a wide neighbourhood (measured 11 dB below a
     * biharmonic fill in one hole); last, relaxation towards the biharmonic fill ({@link #towardsBiharmonic}). Known
     * pixels keep their values. No parameters: a classical fill that networks refine.
     */
    public static NDArray smoothFill(NDArray image, NDArray known) {
        NDArray coverage = known.broadcast(image.getShape());
        return towardsBiharmonic(pullPush(image, coverage), image.mul(coverage), coverage);
    }

    /**
     * The thin-plate fill: the pull-push fill of {@link #smoothFill} ({@link #pullPush}), then
     * {@value #THIN_PLATE_ITERATIONS} conjugate-gradient steps towards the fill of least thin-plate energy (the sum
     * of squared Laplacians over the image: the biharmonic fill, slopes continued across the border).
     *
     * <p>Why: damped relaxation moves a hole's slow modes by a step that falls with the fourth power of its width, so
     * {@link #smoothFill}'s 200 passes leave strokes 6-12 pixels wide near the membrane fill (measured on real
     * images: 8 dB below a direct biharmonic solve in the strokes of a smooth image). Conjugate gradients need about
     * the square of the width instead: thin holes converge to the biharmonic fill within these steps, while the wide
     * ones (boxes of 20-60 pixels) stay close to the pull-push fill, which is the better guess deep inside them (about
     * 1 dB above the biharmonic fill in such boxes).
     */
    public static NDArray thinPlateFill(NDArray image, NDArray known) {
        NDArray coverage = known.broadcast(image.getShape());
        NDArray start = pullPush(image, coverage);
        Shape s = image.getShape();
        if (s.get(2) < 3 || s.get(3) < 3) {
            return start;
        }
        long channels = s.get(1);
        NDArray laplacian = image.getManager().create(repeated(LAPLACIAN, (int) channels), new Shape(channels, 1, 3,
                3));
        NDArray missing = coverage.neg().add(1f);
        NDArray outside = outsideNeighbours(image.getManager(), s);
        int[] plane = { 2, 3 };
        NDArray u = start;
        NDArray r = thinPlate(u, laplacian, outside, channels).mul(missing).neg();
        NDArray p = r;
        NDArray rr = r.square().sum(plane, true);
        // NB: a plane stops once its residual has fallen by 1e5 (float precision): past that, ratios of tiny sums
        // send single pixels far out of range.
        NDArray converged = rr.mul(CONVERGED).add(TINY);
        for (int i = 0; i < THIN_PLATE_ITERATIONS; i++) {
            NDArray ap = thinPlate(p, laplacian, outside, channels).mul(missing);
            NDArray active = rr.gt(converged).toType(DataType.FLOAT32, false);
            NDArray alpha = rr.div(p.mul(ap).sum(plane, true).maximum(TINY)).mul(active);
            u = u.add(p.mul(alpha));
            r = r.sub(ap.mul(alpha));
            NDArray next = r.square().sum(plane, true);
            p = r.add(p.mul(next.div(rr.maximum(TINY)).mul(active)));
            rr = next;
        }
        return u;
    }

    /**
     * Gradient of half the thin-plate energy: the Laplacian of the Laplacian, both with the image's edges repeated
     * (the grid's graph Laplacian, a symmetric operator, as conjugate gradients need). NB: with Laplacians of inner
     * pixels only, a hole at the image's edge is free to follow its curvature out of range (measured: 4 times the
     * image's range on the last row). The repeated edge is the zero-padded Laplacian plus each pixel times its
     * neighbours outside the image ({@code outside}), cheaper than padding by copies in every step.
     */
    private static NDArray thinPlate(NDArray u, NDArray laplacian, NDArray outside, long channels) {
        NDArray inner = neumannLaplacian(u, laplacian, outside, channels);
        return neumannLaplacian(inner, laplacian, outside, channels);
    }

    private static NDArray neumannLaplacian(NDArray u, NDArray laplacian, NDArray outside, long channels) {
        NDArray zeroPadded = Conv2d.conv2d(u, laplacian, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1),
                (int) channels).singletonOrThrow();
        return zeroPadded.add(u.mul(outside));
    }

    /** Per pixel of an {@code [N, C, H, W]} grid, how many of its four neighbours lie outside it (0, 1 or 2). */
    private static NDArray outsideNeighbours(NDManager manager, Shape shape) {
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        float[] counts = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                counts[y * w + x] = (y == 0 ? 1 : 0) + (y == h - 1 ? 1 : 0) + (x == 0 ? 1 : 0) + (x == w - 1 ? 1 : 0);
            }
        }
        return manager.create(counts, new Shape(1, 1, h, w));
    }

    /**
     * The pull-push pyramid of a fill: known values and their coverage averaged down 2x2 per level to one pixel;
     * then, from the coarsest level up, each level blends its known mean with the bilinearly upsampled coarser fill
     * by its coverage and relaxes the uncovered part towards the mean of its four neighbours.
     */
    private static NDArray pullPush(NDArray image, NDArray coverage) {
        List<NDArray> values = new ArrayList<>(List.of(image.mul(coverage)));
        List<NDArray> weights = new ArrayList<>(List.of(coverage));
        while (Math.max(values.get(values.size() - 1).getShape().get(2), values.get(values.size() - 1).getShape()
                .get(3)) > 1) {
            values.add(halve(values.get(values.size() - 1)));
            weights.add(halve(weights.get(weights.size() - 1)));
        }
        long channels = image.getShape().get(1);
        NDArray neighbours = image.getManager().create(repeated(NEIGHBOUR_MEAN, (int) channels), new Shape(channels,
                1, 3, 3));
        int top = values.size() - 1;
        NDArray fill = values.get(top).div(weights.get(top).maximum(1e-6f));
        for (int level = top - 1; level >= 0; level--) {
            Shape size = weights.get(level).getShape();
            NDArray uncovered = weights.get(level).neg().add(1f);
            NDArray coarse = upsample2(fill, BILINEAR_PHASES).get(new NDIndex(":, :, 0:{}, 0:{}", size.get(2),
                    size.get(3)));
            fill = values.get(level).add(coarse.mul(uncovered));
            for (int pass = 0; pass < FILL_SMOOTHING; pass++) {
                fill = values.get(level).add(fixedConv(replicateEdges(fill, 1), neighbours, channels).mul(uncovered));
            }
        }
        return fill;
    }

    /**
     * Relaxes a membrane fill towards the biharmonic (thin-plate) one, whose slopes, not only values, continue those
     * at the hole's border: what thin holes such as strokes need (measured on real images: -0.9 dB against a
     * biharmonic solver for the membrane fill alone, -0.25 dB after these passes; boxes +1.1 dB either way). Each pass
     * moves the missing pixels half way to the stencil's value (a full step diverges).
     */
    private static NDArray towardsBiharmonic(NDArray fill, NDArray kept, NDArray coverage) {
        long channels = fill.getShape().get(1);
        float[] stencil = BIHARMONIC.clone();
        for (int i = 0; i < stencil.length; i++) {
            stencil[i] *= BIHARMONIC_STEP;
        }
        // One convolution per pass: half the old value plus half the stencil's (centre weight 0.5 added).
        stencil[stencil.length / 2] += 1 - BIHARMONIC_STEP * 20;
        NDArray kernel = fill.getManager().create(repeated(stencil, (int) channels), new Shape(channels, 1, 5, 5));
        NDArray missing = coverage.neg().add(1f);
        NDArray relaxed = fill;
        for (int pass = 0; pass < BIHARMONIC_PASSES; pass++) {
            relaxed = kept.add(fixedConv(replicateEdges(relaxed, 2), kernel, channels).mul(missing));
        }
        return relaxed;
    }

    /** 2x2 mean, a last odd row or column averaged on its own. */
    private static NDArray halve(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true, false);
    }

    private static float[] repeated(float[] values, int times) {
        float[] out = new float[values.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(values, 0, out, i * values.length, values.length);
        }
        return out;
    }

    /**
     * Gaussian blur of every channel (kernel radius 3 sigma, at least 1; edges repeated outward): the classical
     * reference a denoiser is measured against.
     */
    public static NDArray gaussianBlur(NDArray x, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] taps = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            taps[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += taps[i + radius];
        }
        for (int i = 0; i < taps.length; i++) {
            taps[i] /= (float) sum;
        }
        long channels = x.getShape().get(1);
        NDArray padded = replicateEdges(x, radius);
        NDArray rows = x.getManager().create(repeated(taps, (int) channels), new Shape(channels, 1, taps.length, 1));
        NDArray columns = rows.reshape(channels, 1, 1, taps.length);
        return fixedConv(fixedConv(padded, rows, channels), columns, channels);
    }

    /** The image with its first and last rows and columns repeated {@code border} times outward. */
    static NDArray replicateEdges(NDArray x, int border) {
        NDArray rows = NDArrays.concat(new NDList(x.get(":, :, 0:1, :").repeat(2, border), x,
                x.get(":, :, -1:, :").repeat(2, border)), 2);
        return NDArrays.concat(new NDList(rows.get(":, :, :, 0:1").repeat(3, border), rows,
                rows.get(":, :, :, -1:").repeat(3, border)), 3);
    }

    /**
     * Nearest-neighbour upsampling of the last two axes by an integer factor (transposed convolution is not
     * available); the axes before them may be any. NB: the engine's nearest interpolation rather than repeating along
     * each axis: the same values, but its backward pass sums strided blocks where a repeat's scatters by index
     * (measured 1.6 times faster forward and backward for a batch of 128-pixel U-Net features).
     */
    public static NDArray upsampleNearest(NDArray x, int factor) {
        Shape s = x.getShape();
        int d = s.dimension();
        long h = s.get(d - 2);
        long w = s.get(d - 1);
        if (d == 4) {
            return nearest(x, h * factor, w * factor);
        }
        long planes = s.size() / (s.get(d - 3) * h * w);
        NDArray flat = x.reshape(planes, s.get(d - 3), h, w);
        NDArray up = nearest(flat, h * factor, w * factor);
        flat.close();
        long[] out = s.getShape().clone();
        out[d - 2] = h * factor;
        out[d - 1] = w * factor;
        NDArray result = up.reshape(out);
        up.close();
        return result;
    }

    /** {@code [N, C, H, W]} to {@code [N, C, height, width]} by nearest neighbours (PyTorch's default interpolate). */
    private static NDArray nearest(NDArray x, long height, long width) {
        return x.getNDArrayInternal().interpolation(new long[] { height, width }, 0, false);
    }
}
