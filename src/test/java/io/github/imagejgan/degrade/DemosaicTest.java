package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


class DemosaicTest {

    @Test
    void aGreySceneComesBackWhereInterpolationIsExact() {
        int width = 40;
        int height = 30;
        float[] ramp = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                ramp[y * width + x] = 10 + 2 * x + 3 * y;
            }
        }
        for (long seed = 1; seed <= 4; seed++) {
            float[] result = new Demosaic().apply(ramp, width, height, seed).image();
            // Bilinear interpolation is exact on a plane, away from the mirrored edges.
            for (int y = 1; y < height - 1; y++) {
                for (int x = 1; x < width - 1; x++) {
                    assertEquals(ramp[y * width + x], result[y * width + x], 1e-3, "at " + x + ", " + y);
                }
            }
        }
        assertArrayEquals(new Demosaic().apply(ramp, width, height, 3).image(), new Demosaic().apply(ramp, width,
                height, 3).image());
    }

    @Test
    void noiseComesOutWhereSampledAndSpreadWhereInterpolated() {
        int width = 400;
        int height = 300;
        float[] flat = Stats.constant(width * height, 100);
        Degradation camera = Degradations.parse("gaussian:sigma=10+demosaic");
        float[] noisy = camera.apply(flat, width, height, 5).image();
        assertEquals(100, Stats.mean(noisy), 0.3);
        // Fainter than the samples' noise (interpolation averages), and correlated between neighbours.
        double variance = Stats.variance(noisy);
        assertTrue(variance < 100 * 0.6 && variance > 100 * 0.15, "variance " + variance);
        double products = 0;
        double squares = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x + 1 < width; x++) {
                int i = y * width + x;
                products += (noisy[i] - 100) * (noisy[i + 1] - 100);
                squares += (noisy[i] - 100) * (noisy[i] - 100);
            }
        }
        assertTrue(products / squares > 0.2, "neighbour correlation " + products / squares);
        assertEquals(List.of(Map.of("type", "gaussian", "sigma", 10.0), Map.of("type", "demosaic")),
                ((DegradationChain) camera).describe().get("steps"));
    }
}
