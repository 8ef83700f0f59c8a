package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.image.Mirror;

class NonLocalMeansTest {

    /** The definition, pixel by pixel: every patch compared with every other within the search window. */
    private static float[] direct(float[] plane, int w, int h, double variance, NonLocalMeans.Filter filter) {
        int r = NonLocalMeans.SEARCH_RADIUS;
        int p = filter.patchRadius();
        double side = 2 * p + 1;
        float[] out = new float[plane.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double weighted = 0;
                double weights = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        double sum = 0;
                        for (int py = -p; py <= p; py++) {
                            for (int px = -p; px <= p; px++) {
                                double d = at(plane, w, h, x + px, y + py) - at(plane, w, h, x + dx + px,
                                        y + dy + py);
                                sum += d * d;
                            }
                        }
                        double excess = Math.max(0, sum / (side * side) - 2 * variance)
                                / (filter.strength() * filter.strength() * variance);
                        if (excess >= NonLocalMeans.CUTOFF) {
                            continue;
                        }
                        weighted += Math.exp(-excess) * at(plane, w, h, x + dx, y + dy);
                        weights += Math.exp(-excess);
                    }
                }
                out[y * w + x] = (float) (weighted / weights);
            }
        }
        return out;
    }

    private static float at(float[] plane, int w, int h, int x, int y) {
        return plane[Mirror.reflect(y, h) * w + Mirror.reflect(x, w)];
    }

    private static float[] noisySteps(int w, int h, double sigma, long seed) {
        Random random = new Random(seed);
        float[] plane = new float[w * h];
        for (int i = 0; i < plane.length; i++) {
            int x = i % w;
            int y = i / w;
            plane[i] = (float) ((x / 5 + y / 4) % 2 + sigma * random.nextGaussian());
        }
        return plane;
    }

    @Test
    void theFastFormEqualsTheDefinitionAtEveryPixelEdgesIncluded() {
        int w = 23;
        int h = 17;
        float[] plane = noisySteps(w, h, 0.1, 1);
        float[][] fast = NonLocalMeans.apply(plane, w, h, 0.01, NonLocalMeans.BLENDED);
        for (int k = 0; k < fast.length; k++) {
            float[] expected = direct(plane, w, h, 0.01, NonLocalMeans.BLENDED.get(k));
            for (int i = 0; i < plane.length; i++) {
                assertEquals(expected[i], fast[k][i], 1e-4, "filter " + k + " at " + i);
            }
        }
    }

    @Test
    void repeatedShapesLoseMostOfTheirNoiseAndKeepTheirEdges() {
        int w = 64;
        float[] truth = noisySteps(w, w, 0, 0);
        float[] noisy = noisySteps(w, w, 0.1, 2);
        float[][] filtered = NonLocalMeans.apply(noisy, w, w, 0.01, NonLocalMeans.BLENDED);
        double before = 0;
        for (int i = 0; i < truth.length; i++) {
            before += (noisy[i] - truth[i]) * (noisy[i] - truth[i]);
        }
        for (float[] result : filtered) {
            double after = 0;
            for (int i = 0; i < truth.length; i++) {
                after += (result[i] - truth[i]) * (result[i] - truth[i]);
            }
            assertTrue(after < before / 3, "squared error " + after + " from " + before);
        }
    }

    @Test
    void withoutNoiseOrOnAConstantPlaneNothingChanges() {
        float[] plane = noisySteps(30, 20, 0.1, 3);
        float[][] none = NonLocalMeans.apply(plane, 30, 20, 0, NonLocalMeans.BLENDED);
        assertArrayEquals(plane, none[0]);
        assertArrayEquals(plane, none[1]);
        float[] constant = new float[40 * 8];
        java.util.Arrays.fill(constant, 3.5f);
        float[] flat = NonLocalMeans.apply(constant, 40, 8, 0.2, List.of(new NonLocalMeans.Filter(2, 1)))[0];
        for (float v : flat) {
            assertEquals(3.5f, v, 1e-5);
        }
        // A plane smaller than a patch is mirrored as often as needed.
        float[] tiny = NonLocalMeans.apply(new float[] { 1, 2, 3 }, 3, 1, 0.5, NonLocalMeans.BLENDED)[1];
        assertEquals(3, tiny.length);
        for (float v : tiny) {
            assertTrue(v >= 1 && v <= 3, "within the values: " + v);
        }
    }
}
