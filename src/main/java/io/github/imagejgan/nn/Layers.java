package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
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

    /** Nearest-neighbour upsampling by an integer factor (transposed convolution is not available). */
    public static NDArray upsampleNearest(NDArray x, int factor) {
        return x.repeat(2, factor).repeat(3, factor);
    }
}
