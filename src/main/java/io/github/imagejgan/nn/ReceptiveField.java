package io.github.imagejgan.nn;

/**
 * Tracks the receptive field of a chain of layers: how many input pixels can influence one output pixel. Each
 * layer of kernel {@code k} widens it by {@code (k - 1)} times the current input-pixel spacing of its feature map.
 */
final class ReceptiveField {

    private double size = 1;
    private double spacing = 1;

    /** A convolution or pooling layer. */
    ReceptiveField layer(int kernel, int stride) {
        size += (kernel - 1) * spacing;
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
        return this;
    }

    /** Pixels on each side of the centre that can influence it, in input pixels (rounded up). */
    int radius() {
        return (int) Math.ceil((size - 1) / 2);
    }
}
