package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.image.NoiseLevel;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import net.imglib2.img.array.ArrayImgs;

/** The noise map a denoiser with one sees at prediction: the noise estimated once per plane, then per pixel. */
class NoiseMapPlaneTest {

    private static final int SIZE = 96;

    /** A smooth ramp from 0.2 to 0.8 with noise of standard deviation {@code a + b * value}. */
    private static float[] noisyRamp(double a, double b, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double value = 0.2 + 0.6 * (x + y) / (2.0 * SIZE);
                pixels[y * SIZE + x] = (float) (value + random.nextGaussian() * Math.sqrt(a + b * value));
            }
        }
        return pixels;
    }

    private static PlaneAccess plane(float[] pixels, int w, int h) {
        return PlaneAccesses.plane(ArrayImgs.floats(pixels, w, h));
    }

    private static float[] map(float[] pixels) {
        NoiseMapPlane plane = NoiseMapPlane.of(plane(pixels, SIZE, SIZE));
        FloatBuffer out = FloatBuffer.allocate(SIZE * SIZE);
        for (int y = 0; y < SIZE; y++) {
            plane.readRow(y, 0, SIZE, out, y * SIZE, LinearMap.IDENTITY);
        }
        return out.array();
    }

    @Test
    void gaussianNoiseGivesItsStandardDeviationEverywhere() {
        float[] map = map(noisyRamp(0.04 * 0.04, 0, 1));
        for (float sigma : new float[] { map[SIZE + 1], map[SIZE * SIZE / 2], map[SIZE * SIZE - SIZE - 2] }) {
            assertEquals(0.04, sigma, 0.006, "the noise's own level, in dark and bright parts alike");
        }
    }

    @Test
    void poissonNoiseGrowsWithTheSignal() {
        float[] pixels = noisyRamp(0, 0.004, 2);
        float[] map = map(pixels);
        int dark = SIZE + 1;
        int bright = SIZE * SIZE - SIZE - 2;
        assertTrue(map[bright] > 1.3 * map[dark], "brighter pixels are noisier: " + map[dark] + " " + map[bright]);
        assertEquals(Math.sqrt(0.004 * 0.5), map[SIZE * SIZE / 2 + SIZE / 2], 0.015, "mid-grey");
    }

    @Test
    void theMapIsTheWholePlanesEstimateAtEachPixelsValue() {
        float[] pixels = noisyRamp(0.001, 0.002, 3);
        float[] map = map(pixels);
        NoiseLevel whole = NoiseLevel.estimate(pixels, SIZE, SIZE);
        for (int i = 0; i < pixels.length; i += 97) {
            assertEquals(whole.sigma(pixels[i]), map[i], 0f, "pixel " + i);
        }
    }

    @Test
    void aPlaneLargerThanTheWindowIsEstimatedFromItsCentre() {
        int w = NoiseMapPlane.ESTIMATE_WINDOW + 40;
        int h = 50;
        float[] pixels = new float[w * h];
        Random random = new Random(4);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Noise 0.01 in the centre, ten times that in the 20 columns at each side.
                double sigma = x < 20 || x >= w - 20 ? 0.1 : 0.01;
                pixels[y * w + x] = (float) (0.5 + random.nextGaussian() * sigma);
            }
        }
        NoiseLevel noise = NoiseMapPlane.estimate(plane(pixels, w, h));
        assertEquals(0.01, noise.sigma(0.5), 0.002, "the sides are outside the window");
    }
}
