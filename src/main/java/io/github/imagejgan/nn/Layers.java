package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding)).setFilters(filters).build();
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
            h = upsampleBicubic2(h);
        }
        return h;
    }

    private static NDArray upsampleBicubic2(NDArray x) {
        long channels = x.getShape().get(1);
        int taps = BICUBIC_PHASES[0].length;
        float[] weights = new float[(int) channels * 4 * taps * taps];
        int i = 0;
        for (long c = 0; c < channels; c++) {
            for (float[] rows : BICUBIC_PHASES) {
                for (float[] columns : BICUBIC_PHASES) {
                    for (float r : rows) {
                        for (float col : columns) {
                            weights[i++] = r * col;
                        }
                    }
                }
            }
        }
        NDArray kernel = x.getManager().create(weights, new Shape(4 * channels, 1, taps, taps));
        NDArray phases = Conv2d.conv2d(replicateEdges(x, taps / 2), kernel, null, new Shape(1, 1), new Shape(0, 0),
                new Shape(1, 1), (int) channels).singletonOrThrow();
        return pixelShuffle(phases, 2);
    }

    /** The image with its first and last rows and columns repeated {@code border} times outward. */
    static NDArray replicateEdges(NDArray x, int border) {
        NDArray rows = NDArrays.concat(new NDList(x.get(":, :, 0:1, :").repeat(2, border), x,
                x.get(":, :, -1:, :").repeat(2, border)), 2);
        return NDArrays.concat(new NDList(rows.get(":, :, :, 0:1").repeat(3, border), rows,
                rows.get(":, :, :, -1:").repeat(3, border)), 3);
    }

    /** Nearest-neighbour upsampling by an integer factor (transposed convolution is not available). */
    public static NDArray upsampleNearest(NDArray x, int factor) {
        return x.repeat(2, factor).repeat(3, factor);
    }
}
