package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NoiseTest {

    @Test
    void gaussianNoiseHasTheStatedSigmaAndNoBias() {
        float[] flat = Stats.constant(100_000, 50);
        Degraded d = new GaussianNoise(7).apply(flat, 400, 250, 1);
        assertEquals(50, Stats.mean(d.image()), 4 * 7 / Math.sqrt(flat.length));
        assertEquals(49, Stats.variance(d.image()), 49 * 0.02);
        assertArrayEquals(d.image(), new GaussianNoise(7).apply(flat, 400, 250, 1).image());
        assertFalse(Arrays.equals(d.image(), new GaussianNoise(7).apply(flat, 400, 250, 2).image()));
        assertEquals(50f, flat[0], "the input is left unchanged");
        assertEquals(Map.of("type", "gaussian", "sigma", 7.0), new GaussianNoise(7).describe());
        assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(Double.NaN));
    }

    @Test
    void ricianNoiseIsRayleighOnDarkPixelsAndNearlyGaussianOnBrightOnes() {
        double sigma = 5;
        float[] dark = new RicianNoise(sigma).apply(new float[100_000], 100, 1000, 1).image();
        // Rayleigh: mean sigma sqrt(pi/2), variance (4 - pi)/2 sigma^2.
        assertEquals(sigma * Math.sqrt(Math.PI / 2), Stats.mean(dark), 0.05);
        assertEquals((4 - Math.PI) / 2 * sigma * sigma, Stats.variance(dark), 0.03 * 10.7);
        float[] bright = new RicianNoise(sigma).apply(Stats.constant(100_000, 200), 100, 1000, 1).image();
        assertEquals(Math.sqrt(200 * 200 + sigma * sigma), Stats.mean(bright), 0.1);
        assertEquals(sigma * sigma, Stats.variance(bright), 0.03 * sigma * sigma);
    }
}
