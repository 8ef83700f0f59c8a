package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class BlockDctTest {

    /** The 2-D DCT-II by its definition, orthonormal. */
    private static double[] definition(double[] block, int size) {
        double[] out = new double[size * size];
        for (int u = 0; u < size; u++) {
            for (int v = 0; v < size; v++) {
                double sum = 0;
                for (int r = 0; r < size; r++) {
                    for (int c = 0; c < size; c++) {
                        sum += block[r * size + c] * Math.cos(Math.PI * (r + 0.5) * u / size)
                                * Math.cos(Math.PI * (c + 0.5) * v / size);
                    }
                }
                out[u * size + v] = sum * Math.sqrt((u == 0 ? 1.0 : 2.0) / size) * Math.sqrt((v == 0 ? 1.0 : 2.0)
                        / size);
            }
        }
        return out;
    }

    @Test
    void itIsTheOrthonormalDctAndItsInverseUndoesIt() {
        Random random = new Random(1);
        for (int size : new int[] { 2, 8, 16 }) {
            // Two blocks one after the other: the second is transformed at its offset, the first left alone.
            double[] values = new double[2 * size * size];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian();
            }
            double[] original = values.clone();
            double[] second = new double[size * size];
            System.arraycopy(values, size * size, second, 0, second.length);
            double[] expected = definition(second, size);
            BlockDct dct = new BlockDct(size);
            dct.square(values, size * size, false);
            for (int i = 0; i < size * size; i++) {
                assertEquals(original[i], values[i], 0, "first block at " + i);
                assertEquals(expected[i], values[size * size + i], 1e-9, size + " at " + i);
            }
            dct.square(values, size * size, true);
            for (int i = 0; i < values.length; i++) {
                assertEquals(original[i], values[i], 1e-9, size + " back at " + i);
            }
        }
    }

    @Test
    void blocksHaveAnEvenSide() {
        assertThrows(IllegalArgumentException.class, () -> new BlockDct(7));
        assertThrows(IllegalArgumentException.class, () -> new BlockDct(0));
    }
}
