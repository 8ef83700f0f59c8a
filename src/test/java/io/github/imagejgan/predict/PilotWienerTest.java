package io.github.imagejgan.predict;

import static io.github.imagejgan.predict.DenoiseStrengthTest.squaredError;
import static io.github.imagejgan.predict.DenoiseStrengthTest.withNoise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PilotWienerTest {

    private static final PilotWiener SMALL = PilotWiener.BLENDED.get(0);

    private static final int W = 64;

    private static final int H = 64;

    /** Fine stripes over a ramp: detail a smoothing filter would lose. */
    private static float[] texture() {
        return texture(W, H);
    }

    /** Fine stripes over a ramp across a plane of the given size. */
    static float[] texture(int width, int height) {
        float[] plane = new float[width * height];
        for (int i = 0; i < plane.length; i++) {
            int x = i % width;
            int y = i / width;
            plane[i] = (float) (x / (double) width + 0.2 * Math.sin(x * 1.3 + y * 0.4));
        }
        return plane;
    }

    /** The {@code w} x {@code h} window at {@code (x0, y0)} of a plane {@code width} pixels wide. */
    static float[] crop(float[] plane, int width, int x0, int y0, int w, int h) {
        float[] window = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(plane, (y0 + y) * width + x0, window, y * w, w);
        }
        return window;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    @Test
    void aPilotThatShowsTheDetailKeepsItAndRemovesMostNoise() {
        float[] truth = texture();
        double sigma = 0.05;
        float[] noisy = withNoise(truth, sigma, 1);
        // A pilot with its own error, of half the noise: the filter needs only where the signal lies.
        float[] pilot = withNoise(truth, sigma / 2, 2);
        for (PilotWiener filter : PilotWiener.BLENDED) {
            float[] filtered = filter.apply(noisy, pilot, W, H, sigma * sigma, 0, 0);
            double noisyError = squaredError(noisy, truth);
            double filteredError = squaredError(filtered, truth);
            assertTrue(filteredError < 0.5 * noisyError, filter + ": " + filteredError + " against " + noisyError);
            assertTrue(filteredError < squaredError(pilot, truth), filter + ": " + filteredError
                    + " against the pilot's " + squaredError(pilot, truth));
        }
    }

    @Test
    void aFlatPilotLeavesTheLocalMeansOfTheNoisyImage() {
        // On a flat plane with a flat pilot only the blocks' means pass: the noise falls to a small part, and the
        // level stays the noisy plane's, however far from zero it lies.
        float[] truth = new float[W * H];
        Arrays.fill(truth, 1000f);
        float[] noisy = withNoise(truth, 2, 3);
        float[] pilot = truth.clone();
        float[] filtered = SMALL.apply(noisy, pilot, W, H, 4, 0, 0);
        assertEquals(mean(noisy), mean(filtered), 0.05);
        double error = squaredError(filtered, truth);
        assertTrue(error < 0.1 * squaredError(noisy, truth), error + " against " + squaredError(noisy,
                truth));
    }

    @Test
    void aConstantAddedToImageAndPilotIsAddedToTheResult() {
        float[] noisy = withNoise(texture(), 0.05, 4);
        float[] pilot = texture();
        float[] filtered = SMALL.apply(noisy, pilot, W, H, 0.0025, 0, 0);
        float[] shiftedNoisy = noisy.clone();
        float[] shiftedPilot = pilot.clone();
        for (int i = 0; i < noisy.length; i++) {
            shiftedNoisy[i] += 50;
            shiftedPilot[i] += 50;
        }
        float[] shifted = SMALL.apply(shiftedNoisy, shiftedPilot, W, H, 0.0025, 0, 0);
        for (int i = 0; i < filtered.length; i++) {
            assertEquals(filtered[i] + 50, shifted[i], 1e-3, "at " + i);
        }
    }

    @Test
    void aWindowOnTheSameGridGivesTheWholePlanesResultInside() {
        for (PilotWiener filter : PilotWiener.BLENDED) {
            assertWindowsAgree(filter, 8, 16);
            assertWindowsAgree(filter, 16, 8);
        }
    }

    private static void assertWindowsAgree(PilotWiener filter, int x0, int y0) {
        float[] noisy = withNoise(texture(), 0.05, 5);
        float[] pilot = texture();
        float[] whole = filter.apply(noisy, pilot, W, H, 0.0025, 0, 0);
        int w = 40;
        int h = 36;
        float[] window = filter.apply(crop(noisy, W, x0, y0, w, h), crop(pilot, W, x0, y0, w, h), w, h, 0.0025, x0,
                y0);
        int r = filter.block() - 1;
        for (int y = r; y < h - r; y++) {
            for (int x = r; x < w - r; x++) {
                assertEquals(whole[(y0 + y) * W + x0 + x], window[y * w + x], 1e-5, filter + " at " + x + ", " + y);
            }
        }
    }

    @Test
    void withoutNoiseNothingChanges() {
        float[] noisy = withNoise(texture(), 0.05, 6);
        assertArrayEquals(noisy, SMALL.apply(noisy, new float[noisy.length], W, H, 0, 0, 0));
    }

    @Test
    void blocksHaveAnEvenSide() {
        assertEquals(4, SMALL.step());
        assertThrows(IllegalArgumentException.class, () -> new PilotWiener(7));
        assertThrows(IllegalArgumentException.class, () -> new PilotWiener(0));
    }
}
