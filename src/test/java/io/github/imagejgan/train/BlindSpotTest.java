package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BlindSpotTest {

    private static final int SIZE = 64;

    private static float[] noisyPlane(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] plane = new float[SIZE * SIZE];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (float) ((i % SIZE) / (double) SIZE + random.nextGaussian() * 0.1);
        }
        return plane;
    }

    private static float[] masked(BlindSpot spot, float[] plane, float[] weights, long seed) {
        float[] input = plane.clone();
        spot.mask(input, 0, SIZE, weights, new SplittableRandom(seed));
        return input;
    }

    @Test
    void aboutTheAskedShareOfPixelsIsMaskedAndOnlyTheyCarryLoss() {
        float[] plane = noisyPlane(1);
        float[] weights = new float[plane.length];
        float[] input = masked(BlindSpot.DEFAULT, plane, weights, 2);
        int spots = 0;
        int changed = 0;
        for (int i = 0; i < plane.length; i++) {
            spots += weights[i] == 1 ? 1 : 0;
            changed += input[i] != plane[i] ? 1 : 0;
            assertTrue(weights[i] == 0 || weights[i] == 1);
            if (weights[i] == 0) {
                assertEquals(plane[i], input[i], "pixels without loss stay as they are");
            }
        }
        double share = spots / (double) plane.length;
        // One spot per square cell of the nearest whole side: 1 / 4^2 for 5 %, 1 / 7^2 for 2 %.
        double asked = BlindSpot.DEFAULT.fraction();
        assertTrue(share > 0.75 * asked && share < 1.3 * asked, "share of blind spots " + share);
        assertEquals(spots, changed, "every blind spot is replaced");
    }

    @Test
    void aBlindSpotIsReplacedByTheMedianOfItsNeighbours() {
        float[] plane = noisyPlane(3);
        float[] weights = new float[plane.length];
        float[] input = masked(BlindSpot.DEFAULT, plane, weights, 4);
        int checked = 0;
        for (int y = 2; y < SIZE - 2; y++) {
            for (int x = 2; x < SIZE - 2; x++) {
                if (weights[y * SIZE + x] == 0 || hasOtherSpotNearby(weights, x, y)) {
                    continue;
                }
                float[] around = new float[24];
                int n = 0;
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        if (dx != 0 || dy != 0) {
                            around[n++] = plane[(y + dy) * SIZE + x + dx];
                        }
                    }
                }
                Arrays.sort(around);
                assertEquals((around[11] + around[12]) / 2, input[y * SIZE + x], 1e-6f);
                checked++;
            }
        }
        assertTrue(checked > 20, "checked " + checked);
    }

    private static boolean hasOtherSpotNearby(float[] weights, int x, int y) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                if ((dx != 0 || dy != 0) && weights[(y + dy) * SIZE + x + dx] == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The blind-spot property: what the network sees does not depend on the values it must predict. Changing the
     * noisy value of every hidden pixel (blind spots and, with a structured mask, their lines) leaves the masked input
     * exactly as it was.
     */
    @Test
    void theMaskedInputCarriesNothingOfTheHiddenValues() {
        for (BlindSpot spot : new BlindSpot[] { BlindSpot.DEFAULT, BlindSpot.parse("fraction=0.05,struct=x:2"),
                BlindSpot.parse("struct=y:3") }) {
            float[] plane = noisyPlane(5);
            float[] weights = new float[plane.length];
            float[] input = masked(spot, plane, weights, 6);
            float[] changed = plane.clone();
            int hidden = 0;
            for (int i = 0; i < plane.length; i++) {
                if (input[i] != plane[i] || weights[i] == 1) {
                    changed[i] += 1000;
                    hidden++;
                }
            }
            float[] again = masked(spot, changed, new float[plane.length], 6);
            assertArrayEquals(input, again, spot.spec());
            assertTrue(hidden > 0, spot.spec());
        }
    }

    @Test
    void aStructuredMaskHidesTheLineAlongItsAxis() {
        float[] plane = noisyPlane(7);
        float[] weights = new float[plane.length];
        float[] input = masked(BlindSpot.parse("fraction=0.01,struct=x:2"), plane, weights, 8);
        int lines = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 2; x < SIZE - 2; x++) {
                if (weights[y * SIZE + x] == 1) {
                    for (int d : new int[] { -2, -1, 1, 2 }) {
                        assertNotEquals(plane[y * SIZE + x + d], input[y * SIZE + x + d], "x+" + d);
                    }
                    assertEquals(plane[(y == 0 ? 1 : y - 1) * SIZE + x], input[(y == 0 ? 1 : y - 1) * SIZE + x],
                            "the line runs along x only");
                    lines++;
                }
            }
        }
        assertTrue(lines > 10);
    }

    @Test
    void settingsReadBackAndWrongOnesAreRefused() {
        BlindSpot spot = BlindSpot.parse("fraction=0.05, struct=y:3");
        assertEquals(new BlindSpot(0.05, 'y', 3), spot);
        assertEquals(spot, BlindSpot.parse(spot.spec()));
        assertEquals(BlindSpot.DEFAULT, BlindSpot.parse(null));
        assertEquals(BlindSpot.DEFAULT, BlindSpot.parse("struct=none"));
        for (String wrong : new String[] { "fraction=0.5", "fraction=x", "struct=z:2", "struct=x:20", "colour=1" }) {
            assertThrows(TrainingSettingsException.class, () -> BlindSpot.parse(wrong), wrong);
        }
    }
}
