package io.github.imagejgan.predict;

/**
 * The orthonormal 2-D DCT-II of square blocks, as a matrix product: the transform of {@link PilotWiener} and
 * {@link BlockMatchedWiener}. Blocks are at most 16 pixels wide, where a matrix product costs little more than a fast
 * transform would.
 */
final class BlockDct {

    /** The basis, {@code basis[k][n]}: row {@code k} holds the {@code k}-th cosine over the {@code n} samples. */
    private final double[][] basis;

    BlockDct(int size) {
        basis = new double[size][size];
        for (int k = 0; k < size; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / size);
            for (int n = 0; n < size; n++) {
                basis[k][n] = scale * Math.cos(Math.PI * (n + 0.5) * k / size);
            }
        }
    }

    int size() {
        return basis.length;
    }

    /** The 2-D transform of the square {@code values} in place (or its inverse), rows then columns, through {@code work}. */
    void square(double[][] values, double[][] work, boolean inverse) {
        int size = basis.length;
        for (int r = 0; r < size; r++) {
            for (int k = 0; k < size; k++) {
                double sum = 0;
                for (int n = 0; n < size; n++) {
                    sum += (inverse ? basis[n][k] : basis[k][n]) * values[r][n];
                }
                work[r][k] = sum;
            }
        }
        for (int c = 0; c < size; c++) {
            for (int k = 0; k < size; k++) {
                double sum = 0;
                for (int n = 0; n < size; n++) {
                    sum += (inverse ? basis[n][k] : basis[k][n]) * work[n][c];
                }
                values[k][c] = sum;
            }
        }
    }
}
