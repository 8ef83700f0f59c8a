package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class NoiseLevelTest {

    private static final int W = 128;

    /** A smooth ramp with bright discs, Poisson noise of {@code photons} per unit and Gaussian read noise. */
    private static float[] scene(double readNoise, long seed) {
        Random random = new Random(seed);
        float[] image = new float[W * W];
        for (int y = 0; y < W; y++) {
            for (int x = 0; x < W; x++) {
                double signal = 10 + 90.0 * x / W + ((x - 40) * (x - 40) + (y - 60) * (y - 60) < 400 ? 100 : 0);
                image[y * W + x] = (float) (poisson(signal, random) + readNoise * random.nextGaussian());
            }
        }
        return image;
    }

    private static int poisson(double mean, Random random) {
        // NB: normal approximation with continuity is enough for means of 10 and more.
        return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }

    @Test
    void findsThePoissonGainAndTheReadNoise() {
        NoiseLevel noise = NoiseLevel.estimate(scene(3, 1), W, W);
        assertEquals(1.0, noise.gain(), 0.25, "variance grows by one per photon");
        for (double photons : new double[] { 20, 60, 100, 190 }) {
            double truth = photons + 9;
            assertEquals(truth, noise.variance(photons), 0.25 * truth, "variance at " + photons + " photons");
        }
    }

    @Test
    void aCleanSmoothImageHasNoNoise() {
        float[] ramp = new float[W * W];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (i % W) * 0.5f + (i / W) * 0.25f;
        }
        NoiseLevel noise = NoiseLevel.estimate(ramp, W, W);
        assertTrue(noise.variance(50) < 1e-6, noise.toString());
    }
}
