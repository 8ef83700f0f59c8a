package io.github.imagejgan.predict;

/**
 * The orthonormal 2-D DCT-II of square blocks, as a matrix product: the transform of {@link PilotWiener} and
 * {@link BlockMatchedWiener}. Blocks are at most 16 pixels wide, where a matrix product costs little more than a fast
 * transform would; each block is a row-major run of {@code size * size} values in a flat array, so that the inner
 * loops run over neighbouring values.
 */
final class BlockDct {

    private final int size;
    /** The basis, {@code forward[k * size + n]}: the {@code k}-th cosine at sample {@code n}. */
    private final double[] forward;
    /** Its transpose, the inverse transform's matrix. */
    private final double[] inverse;

    BlockDct(int size) {
        this.size = size;
        forward = new double[size * size];
        inverse = new double[size * size];
        for (int k = 0; k < size; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / size);
            for (int n = 0; n < size; n++) {
                forward[k * size + n] = scale * Math.cos(Math.PI * (n + 0.5) * k / size);
                inverse[n * size + k] = forward[k * size + n];
            }
        }
    }

    /**
     * The 2-D transform (or its inverse) of the block at {@code offset} of {@code values}, in place, rows then
     * columns, through {@code work} (at least a block's values).
     */
    void square(double[] values, int offset, double[] work, boolean inverted) {
        double[] m = inverted ? inverse : forward;
        for (int r = 0; r < size; r++) {
            int row = offset + r * size;
            for (int k = 0; k < size; k++) {
                double sum = 0;
                for (int n = 0; n < size; n++) {
                    sum += m[k * size + n] * values[row + n];
                }
                work[r * size + k] = sum;
            }
        }
        for (int k = 0; k < size; k++) {
            int out = offset + k * size;
            for (int c = 0; c < size; c++) {
                values[out + c] = 0;
            }
            for (int n = 0; n < size; n++) {
                double coefficient = m[k * size + n];
                int in = n * size;
                for (int c = 0; c < size; c++) {
                    values[out + c] += coefficient * work[in + c];
                }
            }
        }
    }
}
