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
    void spreadNoiseKeepsItsLevelAndIsCorrelatedBetweenNeighbours() {
        int width = 400;
        int height = 250;
        float[] flat = Stats.constant(width * height, 50);
        float[] white = new GaussianNoise(7).apply(flat, width, height, 1).image();
        float[] spread = new GaussianNoise(7, 1).apply(flat, width, height, 1).image();
        assertEquals(50, Stats.mean(spread), 0.2);
        assertEquals(49, Stats.variance(spread), 49 * 0.05, "the level per pixel is kept");
        // A Gaussian of 1 pixel spreads the noise so that neighbours correlate as exp(-1/4) = 0.78; white noise 0.
        assertEquals(Math.exp(-0.25), neighbourCorrelation(spread, width, height), 0.03);
        assertEquals(0, neighbourCorrelation(white, width, height), 0.02);
        float[] camera = new PoissonGaussianNoise(1, 0.5, 0.8).apply(Stats.constant(width * height, 200), width,
                height, 3).image();
        // 100 photons at 0.5 photons a grey value: variance (100 + 1) / 0.25 = 404 grey values squared.
        assertEquals(404, Stats.variance(camera), 404 * 0.06);
        assertEquals(Math.exp(-0.25 / 0.64), neighbourCorrelation(camera, width, height), 0.04);
        assertArrayEquals(new PoissonGaussianNoise(1, 0.5).apply(flat, width, height, 3).image(),
                new PoissonGaussianNoise(1, 0.5, 0).apply(flat, width, height, 3).image());
        assertEquals(Map.of("type", "gaussian", "sigma", 7.0, "spread", 1.0), new GaussianNoise(7, 1).describe());
        assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(7, -1));
        assertThrows(IllegalArgumentException.class, () -> Degradations.parse("gaussian:sigma=5,spread=-0.5"));
        float[] parsed = Degradations.parse("gaussian:sigma=7,spread=1").apply(flat, width, height, 1).image();
        assertArrayEquals(spread, parsed);
    }

    @Test
    void noiseSpreadAlongOneAxisOrPartlyWhiteKeepsItsLevel() {
        int width = 400;
        int height = 250;
        float[] flat = Stats.constant(width * height, 50);
        // A line-scanning detector's filter: spread by 1 pixel along rows, white down columns.
        float[] rows = Degradations.parse("gaussian:sigma=7,spread=1,spreadY=0").apply(flat, width, height, 1).image();
        assertEquals(49, Stats.variance(rows), 49 * 0.05);
        assertEquals(Math.exp(-0.25), neighbourCorrelation(rows, width, height), 0.03);
        assertEquals(0, neighbourCorrelation(transposed(rows, width, height), height, width), 0.02);
        // Half the variance left white: neighbours correlate half as much, the level per pixel is kept.
        GaussianNoise half = new GaussianNoise(7, 1, 1, 0.5);
        float[] mixed = half.apply(flat, width, height, 1).image();
        assertEquals(49, Stats.variance(mixed), 49 * 0.05);
        assertEquals(0.5 * Math.exp(-0.25), neighbourCorrelation(mixed, width, height), 0.03);
        assertArrayEquals(mixed, half.apply(flat, width, height, 1).image(), "one seed, one result");
        float[] camera = new PoissonGaussianNoise(1, 0.5, 0, 0.8, 0.3).apply(Stats.constant(width * height, 200),
                width, height, 3).image();
        assertEquals(404, Stats.variance(camera), 404 * 0.06);
        assertEquals(0, neighbourCorrelation(camera, width, height), 0.02, "not spread along rows");
        assertEquals(0.7 * Math.exp(-0.25 / 0.64), neighbourCorrelation(transposed(camera, width, height), height,
                width), 0.04);
        // Settings read back as written, and kept within their ranges.
        assertEquals(Map.of("type", "gaussian", "sigma", 7.0, "spread", 1.0, "white", 0.5), half.describe());
        assertEquals(Map.of("type", "poisson-gaussian", "readNoise", 1.0, "photonsPerUnit", 0.5, "spreadY", 0.8,
                "white", 0.3), Degradations.parse("poisson-gaussian:readNoise=1,photonsPerUnit=0.5,spreadY=0.8,"
                        + "white=0.3").describe());
        assertEquals(new GaussianNoise(7, 1), Degradations.parse("gaussian:sigma=7,spread=1"));
        assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(7, 1, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Degradations.parse("gaussian:spread=1,spreadY=-1"));
    }

    private static float[] transposed(float[] image, int width, int height) {
        float[] result = new float[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                result[x * height + y] = image[y * width + x];
            }
        }
        return result;
    }

    /** The correlation of horizontally neighbouring pixels. */
    private static double neighbourCorrelation(float[] image, int width, int height) {
        double mean = Stats.mean(image);
        double product = 0;
        double square = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x + 1 < width; x++) {
                double a = image[y * width + x] - mean;
                product += a * (image[y * width + x + 1] - mean);
                square += a * a;
            }
        }
        return product / square;
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
