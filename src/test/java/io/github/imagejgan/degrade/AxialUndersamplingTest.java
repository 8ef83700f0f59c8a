package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.image.LinearResampling;
import io.github.imagejgan.predict.IsotropicRestoration;
import io.github.imagejgan.task.UserException;

class AxialUndersamplingTest {

    private static final int W = 5;
    private static final int H = 23;

    private static float[] random(long seed) {
        Random random = new Random(seed);
        float[] image = new float[W * H];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat() * 100;
        }
        return image;
    }

    /** The rows that came through unchanged: the sampled ones, found from the result. */
    private static int phase(float[] image, float[] degraded, int factor) {
        for (int p = 0; p < factor; p++) {
            boolean kept = true;
            for (int y = p; y < H && kept; y += factor) {
                for (int x = 0; x < W; x++) {
                    kept &= image[y * W + x] == degraded[y * W + x];
                }
            }
            if (kept) {
                return p;
            }
        }
        return -1;
    }

    @Test
    void keepsEveryFactorthRowAndInterpolatesLinearlyBetween() {
        float[] image = random(1);
        int factor = 4;
        float[] degraded = new AxialUndersampling(factor, 0).apply(image, W, H, 7).image();
        int p = phase(image, degraded, factor);
        assertTrue(p >= 0, "some phase of rows is kept exactly");
        int last = p + (H - 1 - p) / factor * factor;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double expected;
                if (y <= p) {
                    expected = image[p * W + x];
                } else if (y >= last) {
                    expected = image[last * W + x];
                } else {
                    int low = p + (y - p) / factor * factor;
                    double w = (y - low) / (double) factor;
                    expected = (1 - w) * image[low * W + x] + w * image[(low + factor) * W + x];
                }
                assertEquals(expected, degraded[y * W + x], 1e-3, "row " + y + ", column " + x);
            }
        }
    }

    @Test
    void theSampledRowsChangeWithTheSeedToCoverEveryPhase() {
        float[] image = random(2);
        Set<Integer> phases = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            phases.add(phase(image, new AxialUndersampling(3, 0).apply(image, W, H, seed).image(), 3));
        }
        assertEquals(Set.of(0, 1, 2), phases);
    }

    @Test
    void blursAlongTheRowsOnly() {
        // Rows that are all alike stay as they are, whatever the blur and sampling; columns that differ do too.
        float[] image = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image[y * W + x] = x * 10;
            }
        }
        assertArrayEquals(image, new AxialUndersampling(4, 2).apply(image, W, H, 3).image(), 1e-4f);
        // An edge across the rows is smoothed.
        float[] edge = new float[W * H];
        java.util.Arrays.fill(edge, 12 * W, W * H, 100);
        float[] blurred = new AxialUndersampling(2, 1.5).apply(edge, W, H, 4).image();
        int soft = 0;
        for (float v : blurred) {
            soft += v > 5 && v < 95 ? 1 : 0;
        }
        assertTrue(soft >= 2 * W, "rows next to the edge lie between its sides: " + soft);
    }

    @Test
    void theNoiseThatTheBlurSmoothsIsPutBack() {
        int w = 64;
        int h = 64;
        float[] flat = new float[w * h];
        Random random = new Random(5);
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) (100 + 5 * random.nextGaussian());
        }
        float[] degraded = new AxialUndersampling(2, 2).apply(flat, w, h, 6).image();
        float[] blurredOnly = Filters.columns(flat, w, h, Filters.gaussianKernel(2));
        // Every row is sampled or halfway between two: the sampled ones keep the camera's noise.
        double sampled = Math.max(rowStd(degraded, w, h, 0), rowStd(degraded, w, h, 1));
        assertEquals(5, sampled, 0.6, "the sampled rows are as noisy as the slice");
        assertTrue(rowStd(blurredOnly, w, h, 0) < 3, "a blur alone would have smoothed the noise");
    }

    /** The standard deviation of the rows of one parity. */
    private static double rowStd(float[] image, int w, int h, int parity) {
        double sum = 0;
        double sum2 = 0;
        int n = 0;
        for (int y = parity; y < h; y += 2) {
            for (int x = 0; x < w; x++) {
                sum += image[y * w + x];
                sum2 += image[y * w + x] * image[y * w + x];
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(sum2 / n - mean * mean);
    }

    @Test
    void parsesAndDescribesItself() {
        Degradation parsed = Degradations.parse("axial:factor=3,axialBlur=1.5");
        assertEquals(new AxialUndersampling(3, 1.5), parsed);
        assertEquals("axial", parsed.describe().get("type"));
        assertEquals(3, parsed.describe().get("factor"));
        assertNotEquals(-1, Degradations.help().indexOf("axial:"));
        assertEquals(IsotropicRestoration.AXIAL, AxialUndersampling.TYPE, "the restoration finds the factor by it");
    }

    @Test
    void refusesWhatCannotBeSampled() {
        assertThrows(UserException.class, () -> new AxialUndersampling(1, 0));
        assertThrows(UserException.class, () -> new AxialUndersampling(4, -1));
        assertThrows(UserException.class, () -> new AxialUndersampling(8, 0).apply(new float[W * 4], W, 4, 1));
    }

    @Test
    void theInterpolationRepeatsTheEndsAndHitsTheSamples() {
        LinearResampling grid = new LinearResampling(3, 4, 1, 12);
        assertEquals(0, grid.lower(0));
        assertEquals(0, grid.upper(0));
        assertEquals(0f, grid.weight(1));
        assertEquals(1, grid.upper(2));
        assertEquals(0.25f, grid.weight(2));
        assertEquals(2, grid.lower(9));
        assertEquals(0f, grid.weight(9));
        assertEquals(2, grid.lower(11));
        assertEquals(2, grid.upper(11));
    }
}
