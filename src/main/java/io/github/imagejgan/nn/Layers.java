package io.github.imagejgan.nn;

import java.util.Arrays;
import java.util.stream.IntStream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;

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
     * and relaxes the uncovered part towards the mean of its four neighbours ({@value HoleFills#FILL_SMOOTHING} passes). The
     * passes at coarse levels carry the surroundings far into large holes, those at fine levels make the fill meet
     * the border; without them the fill of a large hole is the mean of a wide neighbourhood (measured 11 dB below a
     * biharmonic fill in one hole); last, {@value HoleFills#BIHARMONIC_PASSES} damped passes towards the biharmonic fill.
     * Known pixels keep their values. No parameters: a classical fill that networks refine ({@link HoleFills}).
     */
    public static NDArray smoothFill(NDArray image, NDArray known) {
        return perPlane(image, known, HoleFills::smooth);
    }

    /**
     * The thin-plate fill: the pull-push fill of {@link #smoothFill}, then
     * {@value HoleFills#THIN_PLATE_ITERATIONS} conjugate-gradient steps towards the fill of least thin-plate energy (the sum
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
        return perPlane(image, known, HoleFills::thinPlate);
    }

    /** A fill of one plane: its values, coverage and size in, the filled plane out. */
    private interface PlaneFill {
        float[] fill(float[] image, float[] coverage, int w, int h);
    }

    /**
     * Applies a {@link HoleFills} fill to every plane of an {@code [N, C, H, W]} image, the coverage {@code [N, 1, H,
     * W]} or {@code [N, C, H, W]}, or one such for the whole batch (1 known, 0 missing), the planes in parallel; the
     * result on the image's device.
     */
    private static NDArray perPlane(NDArray image, NDArray known, PlaneFill fill) {
        Shape s = image.getShape();
        int channels = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int size = h * w;
        int coverageBatch = (int) known.getShape().get(0);
        int coverageChannels = (int) known.getShape().get(1);
        float[] values = image.toType(DataType.FLOAT32, false).toFloatArray();
        float[] coverage = known.toType(DataType.FLOAT32, false).toFloatArray();
        float[] out = new float[values.length];
        IntStream.range(0, values.length / size).parallel().forEach(plane -> {
            int covered = (coverageBatch == 1 ? 0 : plane / channels) * coverageChannels + (coverageChannels == 1 ? 0
                    : plane % channels);
            float[] filled = fill.fill(Arrays.copyOfRange(values, plane * size, (plane + 1) * size),
                    Arrays.copyOfRange(coverage, covered * size, (covered + 1) * size), w, h);
            System.arraycopy(filled, 0, out, plane * size, size);
        });
        return image.getManager().create(out, s).toDevice(image.getDevice(), false);
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
