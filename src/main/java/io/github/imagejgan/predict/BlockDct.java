package io.github.imagejgan.predict;

/**
 * The orthonormal 2-D DCT-II of square blocks of an even side: the transform of {@link PilotWiener} and
 * {@link BlockMatchedWiener}. Each block is a row-major run of {@code size * size} values in a flat array. Each 1-D
 * transform splits into its even and odd halves (the even cosines are symmetric about the block's centre, the odd
 * ones antisymmetric), half the products of a matrix product; blocks are at most 16 pixels wide, where that costs
 * little more than a fast transform would. It keeps its own buffers: one per thread.
 */
final class BlockDct {

    private final int size;
    private final int half;
    /** The even cosines over the first half of the samples, {@code even[k * half + n]} for cosine {@code 2k}. */
    private final double[] even;
    /** The odd cosines over the first half of the samples, {@code odd[k * half + n]} for cosine {@code 2k + 1}. */
    private final double[] odd;
    private final double[] line;
    private final double[] sums;
    private final double[] differences;

    BlockDct(int size) {
        requireEvenSide(size);
        this.size = size;
        half = size / 2;
        even = new double[half * half];
        odd = new double[half * half];
        for (int k = 0; k < half; k++) {
            for (int n = 0; n < half; n++) {
                even[k * half + n] = cosine(2 * k, n);
                odd[k * half + n] = cosine(2 * k + 1, n);
            }
        }
        line = new double[size];
        sums = new double[half];
        differences = new double[half];
    }

    /** Checks that blocks of {@code size} pixels can be transformed: an even side, at least 2. */
    static void requireEvenSide(int size) {
        if (size < 2 || size % 2 != 0) {
            throw new IllegalArgumentException("Blocks of " + size + " pixels: the side must be even, at least 2");
        }
    }

    /** The {@code k}-th orthonormal cosine at sample {@code n}. */
    private double cosine(int k, int n) {
        return Math.sqrt((k == 0 ? 1.0 : 2.0) / size) * Math.cos(Math.PI * (n + 0.5) * k / size);
    }

    /**
     * The 2-D transform (or its inverse) of the block at {@code offset} of {@code values}, in place: every row, then
     * every column.
     */
    void square(double[] values, int offset, boolean inverted) {
        for (int r = 0; r < size; r++) {
            transform(values, offset + r * size, 1, inverted);
        }
        for (int c = 0; c < size; c++) {
            transform(values, offset + c, size, inverted);
        }
    }

    /** The 1-D transform (or its inverse) of the {@code size} values from {@code start}, {@code stride} apart. */
    private void transform(double[] values, int start, int stride, boolean inverted) {
        if (inverted) {
            // NB: x[n] = e[n] + o[n] and x[size - 1 - n] = e[n] - o[n], e and o the even and odd cosines' parts.
            for (int n = 0; n < half; n++) {
                double e = 0;
                double o = 0;
                for (int k = 0; k < half; k++) {
                    e += even[k * half + n] * values[start + 2 * k * stride];
                    o += odd[k * half + n] * values[start + (2 * k + 1) * stride];
                }
                line[n] = e + o;
                line[size - 1 - n] = e - o;
            }
        } else {
            for (int n = 0; n < half; n++) {
                double a = values[start + n * stride];
                double b = values[start + (size - 1 - n) * stride];
                sums[n] = a + b;
                differences[n] = a - b;
            }
            for (int k = 0; k < half; k++) {
                double e = 0;
                double o = 0;
                for (int n = 0; n < half; n++) {
                    e += even[k * half + n] * sums[n];
                    o += odd[k * half + n] * differences[n];
                }
                line[2 * k] = e;
                line[2 * k + 1] = o;
            }
        }
        for (int i = 0; i < size; i++) {
            values[start + i * stride] = line[i];
        }
    }
}
