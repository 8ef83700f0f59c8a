package io.github.imagejgan.train.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoissonGaussianNoiseTest {

    @ParameterizedTest(name = "{0} photons, read noise {1}")
    @CsvSource({ "3,0", "3,2", "20,1", "500,5" })
    void meanAndVarianceFollowTheModel(double photons, double readNoise) {
        float[] flat = new float[200_000];
        Arrays.fill(flat, (float) photons);
        PoissonGaussianNoise noise = new PoissonGaussianNoise(readNoise);
        float[] noisy = noise.apply(flat, 1);
        double mean = 0;
        for (float v : noisy) {
            mean += v;
        }
        mean /= noisy.length;
        double var = 0;
        for (float v : noisy) {
            var += (v - mean) * (v - mean);
        }
        var /= noisy.length - 1;
        double expectedVar = photons + readNoise * readNoise;
        assertEquals(photons, mean, 4 * Math.sqrt(expectedVar / noisy.length) + 1e-3);
        assertEquals(expectedVar, var, 0.03 * expectedVar);
        assertArrayEquals(noisy, noise.apply(flat, 1), "deterministic from the seed");
    }
}
