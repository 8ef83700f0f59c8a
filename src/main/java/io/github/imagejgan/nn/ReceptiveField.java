package io.github.imagejgan.nn;

/**
 * Tracks the receptive field of a chain of layers: how many input pixels can influence one output pixel. Each
 * layer of kernel {@code k} widens it by {@code (k - 1)} times the current input-pixel spacing of its feature map.
 * Even kernels (2x2 pooling, 4x4 convolutions) and nearest upsampling reach further on one side than the other;
 * the radius counts that side, so that a halo of this radius always suffices.
 */
final class ReceptiveField {

    private double size = 1;
    private double spacing = 1;
    private double lopsided;

    /** A convolution or pooling layer. */
    ReceptiveField layer(int kernel, int stride) {
        size += (kernel - 1) * spacing;
        if (kernel % 2 == 0) {
            lopsided += spacing / 2;
        }
        spacing *= stride;
        return this;
    }

    /** The same layer {@code times} times. */
    ReceptiveField layers(int times, int kernel, int stride) {
        for (int i = 0; i < times; i++) {
            layer(kernel, stride);
        }
        return this;
    }

    /** An upsampling by {@code factor}: later layers see a finer grid. */
    ReceptiveField upsample(int factor) {
        spacing /= factor;
        // Copies of one input pixel sit on both sides of its centre: half an output pixel of lopsidedness.
        lopsided += spacing * (factor - 1) / 2.0;
        return this;
    }

    /** Pixels on the farther side of the centre that can influence it, in input pixels (rounded up). */
    int radius() {
        return (int) Math.ceil((size - 1) / 2 + lopsided);
    }

    /** Side of the square of input pixels that can influence one output pixel. */
    int size() {
        return (int) Math.ceil(size);
    }
}
