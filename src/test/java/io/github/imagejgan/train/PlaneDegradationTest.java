package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.degrade.Degradation;
import io.github.imagejgan.degrade.Degradations;
import io.github.imagejgan.degrade.Seeds;

/** The channels of one patch (colours, or neighbouring slices) share one drawn noise level, not one noise. */
class PlaneDegradationTest {

    private static final int SIZE = 32;

    private static double noiseStd(float[] out, int channel) {
        double sum = 0;
        double squares = 0;
        int n = SIZE * SIZE;
        for (int i = channel * n; i < (channel + 1) * n; i++) {
            double v = out[i] - 500;
            sum += v;
            squares += v * v;
        }
        return Math.sqrt(squares / n - (sum / n) * (sum / n));
    }

    @Test
    void channelsShareTheDrawnLevelButNotTheNoise() {
        PatchDegradation degradation = PatchDegradation.of(Degradations.parse(
                "gaussian:sigma=1..100 | rician:sigma=1..100"), SIZE);
        float[] clean = new float[3 * SIZE * SIZE];
        Arrays.fill(clean, 500);
        double levels = 0;
        for (long seed = 1; seed <= 20; seed++) {
            float[] out = degradation.degrade(clean, 3, SIZE, seed);
            double first = noiseStd(out, 0);
            for (int c = 1; c < 3; c++) {
                double ratio = noiseStd(out, c) / first;
                assertTrue(ratio > 0.8 && ratio < 1.25, "seed " + seed + ": channel " + c + " has " + ratio
                        + " times channel 0's noise");
            }
            assertFalse(Arrays.equals(Arrays.copyOfRange(out, 0, SIZE * SIZE), Arrays.copyOfRange(out,
                    SIZE * SIZE, 2 * SIZE * SIZE)), "independent noise in each channel");
            levels = Math.max(levels, first);
        }
        assertTrue(levels > 20, "the level itself is drawn anew for each patch, up to " + levels);
    }

    @Test
    void aSingleChannelPatchDegradesAsThePlaneDegradationItself() {
        Degradation plane = Degradations.parse("poisson-gaussian:photonsPerUnit=0.01..1,readNoise=0..2");
        float[] clean = new float[SIZE * SIZE];
        Arrays.fill(clean, 300);
        float[] out = PatchDegradation.of(plane, SIZE).degrade(clean, 1, SIZE, 7);
        assertArrayEquals(plane.apply(clean, SIZE, SIZE, Seeds.derive(7, 0)).image(), out);
    }
}
