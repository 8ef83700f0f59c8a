package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class FiltersTest {

    @Test
    void gaussianBlurSpreadsAPointWithTheStatedSigma() {
        int n = 41;
        float[] point = new float[n * n];
        point[20 * n + 20] = 1;
        float[] blurred = Filters.gaussian(point, n, n, 2);
        double sum = 0;
        double second = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                sum += blurred[y * n + x];
                second += blurred[y * n + x] * (x - 20) * (x - 20);
            }
        }
        assertEquals(1, sum, 1e-5);
        assertEquals(4, second / sum, 0.05);
    }

    @Test
    void convolutionWithAPointKernelIsTheIdentityAndBinningAverages() {
        Random random = new Random(1);
        float[] image = new float[12 * 8];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat();
        }
        float[] delta = new float[9];
        delta[4] = 1;
        assertArrayEquals(image, Filters.convolve(image, 12, 8, delta, 3));
        float[] binned = Filters.binAverage(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 4, 2, 2);
        assertArrayEquals(new float[] { 3.5f, 5.5f }, binned);
        assertThrows(IllegalArgumentException.class, () -> Filters.binAverage(image, 12, 8, 5));
        assertThrows(IllegalArgumentException.class, () -> Filters.gaussian(image, 12, 7, 1));
    }

    @Test
    void randomFieldsAreStandardizedAndSmooth() {
        float[] field = RandomFields.smooth(64, 48, 16, new Random(3));
        double mean = 0;
        double var = 0;
        double step = 0;
        for (int i = 0; i < field.length; i++) {
            mean += field[i];
            var += field[i] * field[i];
            if (i % 64 != 63) {
                step += Math.abs(field[i + 1] - field[i]);
            }
        }
        assertEquals(0, mean / field.length, 1e-5);
        assertEquals(1, var / field.length, 1e-4);
        // Neighbours of a field with 16-pixel features differ by far less than independent samples (about 1.13).
        assertEquals(0, step / (63 * 48), 0.25);
    }
}
