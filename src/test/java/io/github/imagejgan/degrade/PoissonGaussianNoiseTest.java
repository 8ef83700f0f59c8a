package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
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

    @ParameterizedTest(name = "{0} units at {1} photons per unit, read noise {2}")
    @CsvSource({ "100,0.1,2", "40,0.5,1" })
    void dimmerAcquisitionsKeepTheMeanAndAddRelativeNoise(double value, double photonsPerUnit, double readNoise) {
        float[] flat = Stats.constant(200_000, (float) value);
        float[] noisy = new PoissonGaussianNoise(readNoise, photonsPerUnit).apply(flat, 100, 2000, 3).image();
        // Variance in image units: (photons + readNoise^2) / photonsPerUnit^2.
        double photons = value * photonsPerUnit;
        double expectedVar = (photons + readNoise * readNoise) / (photonsPerUnit * photonsPerUnit);
        assertEquals(value, Stats.mean(noisy), 4 * Math.sqrt(expectedVar / flat.length));
        assertEquals(expectedVar, Stats.variance(noisy), 0.03 * expectedVar);
    }

    @Test
    void describesItselfAndRejectsBadSettings() {
        assertEquals(java.util.Map.of("type", "poisson-gaussian", "readNoise", 2.0, "photonsPerUnit", 0.5),
                new PoissonGaussianNoise(2, 0.5).describe());
        assertThrows(IllegalArgumentException.class, () -> new PoissonGaussianNoise(-1));
        assertThrows(IllegalArgumentException.class, () -> new PoissonGaussianNoise(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PoissonGaussianNoise(1).apply(new float[5], 2, 2, 1));
    }
}
