package io.github.imagejgan.predict;

import static io.github.imagejgan.predict.DenoiseStrengthTest.squaredError;
import static io.github.imagejgan.predict.DenoiseStrengthTest.withNoise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.image.PlaneWindow;

class BlockMatchedWienerTest {

    private static final BlockMatchedWiener FILTER = BlockMatchedWiener.REFINING;

    private static final int W = 96;

    private static final int H = 96;

    private static final double SIGMA = 0.05;

    /** Fine stripes over a ramp: detail that repeats along the stripes and a smoothing filter would lose. */
    private static float[] texture() {
        return PilotWienerTest.texture(W, H);
    }

    @Test
    void stackedBlocksThatRepeatRemoveMoreNoiseThanOneBlocksFilter() {
        float[] truth = texture();
        float[] noisy = withNoise(truth, SIGMA, 1);
        // A pilot with its own error, of half the noise: the filter needs only where the signal lies.
        float[] pilot = withNoise(truth, SIGMA / 2, 2);
        float[] matched = FILTER.apply(noisy, pilot, W, H, SIGMA * SIGMA, 0, 0);
        float[] single = PilotWiener.BLENDED.get(0).apply(noisy, pilot, W, H, SIGMA * SIGMA, 0, 0);
        double error = squaredError(matched, truth);
        assertTrue(error < 0.3 * squaredError(noisy, truth), error + " against " + squaredError(noisy, truth));
        assertTrue(error < squaredError(pilot, truth), error + " against the pilot's " + squaredError(pilot, truth));
        assertTrue(error < 0.8 * squaredError(single, truth), error + " against one block's filter's "
                + squaredError(single, truth));
    }

    @Test
    void forStacksFoundOnOnePilotTheResultIsLinearInTheNoisyImage() {
        // What the mix's divergence relies on: a probe moves the result in proportion, the stacks held.
        float[] pilot = texture();
        BlockMatchedWiener.Matches matches = FILTER.match(pilot, W, H, SIGMA * SIGMA, 0, 0);
        float[] a = withNoise(pilot, SIGMA, 3);
        float[] b = withNoise(new float[W * H], SIGMA, 4);
        float[] sum = new float[a.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = a[i] + 0.5f * b[i];
        }
        float[] fa = FILTER.apply(a, pilot, matches, SIGMA * SIGMA);
        float[] fb = FILTER.apply(b, pilot, matches, SIGMA * SIGMA);
        float[] fsum = FILTER.apply(sum, pilot, matches, SIGMA * SIGMA);
        for (int i = 0; i < sum.length; i++) {
            assertEquals(fa[i] + 0.5 * fb[i], fsum[i], 1e-4, "at " + i);
        }
    }

    @Test
    void aWindowOnTheSameGridGivesTheWholePlanesResultInside() {
        float[] noisy = withNoise(texture(), SIGMA, 5);
        float[] pilot = withNoise(texture(), SIGMA / 2, 6);
        float[] whole = FILTER.apply(noisy, pilot, W, H, SIGMA * SIGMA, 0, 0);
        int x0 = 8;
        int y0 = 20;
        int w = 72;
        int h = 60;
        float[] window = FILTER.apply(PilotWienerTest.crop(noisy, W, x0, y0, w, h), PilotWienerTest.crop(pilot, W,
                x0, y0, w, h), w, h, SIGMA * SIGMA, x0, y0);
        int r = FILTER.reach();
        int compared = 0;
        for (int y = r; y < h - r; y++) {
            for (int x = r; x < w - r; x++) {
                assertEquals(whole[(y0 + y) * W + x0 + x], window[y * w + x], 1e-5, "at " + x + ", " + y);
                compared++;
            }
        }
        assertTrue(compared > 100, compared + " pixels compared");
    }

    @Test
    void theStacksThatReachAWindowFilterItAsTheWholePlanesDo() {
        float[] noisy = withNoise(texture(), SIGMA, 9);
        float[] pilot = withNoise(texture(), SIGMA / 2, 10);
        float[] whole = FILTER.apply(noisy, pilot, W, H, SIGMA * SIGMA, 0, 0);
        PlaneWindow needed = new PlaneWindow(33, 21, 30, 17);
        float[] part = FILTER.apply(noisy, pilot, W, H, SIGMA * SIGMA, 0, 0, needed);
        int differing = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (x >= needed.x() && x < needed.endX() && y >= needed.y() && y < needed.endY()) {
                    assertEquals(whole[y * W + x], part[y * W + x], 1e-5, "at " + x + ", " + y);
                } else if (Math.abs(whole[y * W + x] - part[y * W + x]) > 1e-5) {
                    differing++;
                }
            }
        }
        // Far from the window no stack was filtered: the pilot's values stand there.
        assertEquals(pilot[0], part[0]);
        assertTrue(differing > W * H / 2, differing + " pixels outside the window differ");
    }

    @Test
    void aPlaneSmallerThanTheSearchIsFilteredFromItsMirrorImage() {
        int w = 5;
        int h = 3;
        float[] truth = new float[w * h];
        Arrays.fill(truth, 2f);
        float[] noisy = withNoise(truth, SIGMA, 7);
        float[] filtered = FILTER.apply(noisy, truth, w, h, SIGMA * SIGMA, 0, 0);
        assertTrue(squaredError(filtered, truth) < squaredError(noisy, truth));
    }

    @Test
    void withoutNoiseNothingChanges() {
        float[] noisy = withNoise(texture(), SIGMA, 8);
        assertArrayEquals(noisy, FILTER.apply(noisy, texture(), W, H, 0, 0, 0));
    }

    @Test
    void theGridsStepMustFitTheBlocksAndStacksArePowersOfTwo() {
        assertEquals(2 * FILTER.radius() + FILTER.block() - 1, FILTER.reach());
        assertThrows(IllegalArgumentException.class, () -> new BlockMatchedWiener(8, 9, 6, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> new BlockMatchedWiener(8, 4, 6, 12, 1));
        assertThrows(IllegalArgumentException.class, () -> new BlockMatchedWiener(8, 4, 6, 16, -1));
        assertThrows(IllegalArgumentException.class, () -> new BlockMatchedWiener(7, 4, 6, 16, 1));
    }
}
