package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.TestMonitors;
import io.github.imagejgan.task.CancelledException;
import io.github.imagejgan.task.TaskMonitor;

class NonLocalFillTest {

    private static final int SIZE = 80;

    /** A tile of 8 x 8 random values repeated over the plane: texture that no smooth fill draws. */
    static float[] pattern(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] tile = new float[64];
        for (int i = 0; i < tile.length; i++) {
            tile[i] = (float) (100 + 50 * random.nextDouble());
        }
        float[] plane = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                plane[y * size + x] = tile[(y % 8) * 8 + x % 8];
            }
        }
        return plane;
    }

    /** Strokes 2 to 4 pixels wide: rows, a column and a diagonal. */
    static byte[] strokes(int size) {
        byte[] holes = new byte[size * size];
        for (int x = 10; x < size - 10; x++) {
            holes[20 * size + x] = 1;
            holes[21 * size + x] = 1;
            for (int y = 50; y < 54; y++) {
                holes[y * size + x] = 1;
            }
        }
        for (int y = 5; y < size - 5; y++) {
            holes[y * size + 40] = 1;
            holes[y * size + 41] = 1;
            holes[y * size + Math.min(size - 1, y + 3)] = 1;
            holes[y * size + Math.min(size - 1, y + 4)] = 1;
        }
        return holes;
    }

    /** The plane with its holes set to the known pixels' mean: a guide that knows nothing of the texture. */
    private static float[] flatGuide(float[] plane, byte[] holes) {
        double sum = 0;
        int known = 0;
        for (int i = 0; i < plane.length; i++) {
            if (holes[i] == 0) {
                sum += plane[i];
                known++;
            }
        }
        float[] guide = plane.clone();
        for (int i = 0; i < guide.length; i++) {
            if (holes[i] != 0) {
                guide[i] = (float) (sum / known);
            }
        }
        return guide;
    }

    @Test
    void repeatedTextureIsRestoredInThinStrokesAndKnownPixelsAreKept() {
        float[] truth = pattern(3, SIZE);
        byte[] holes = strokes(SIZE);
        float[] guide = flatGuide(truth, holes);
        float[] filled = NonLocalFill.fill(List.of(guide), holes, SIZE, SIZE, 50, TaskMonitor.NONE).get(0);
        double guideError = 0;
        double filledError = 0;
        for (int i = 0; i < truth.length; i++) {
            if (holes[i] == 0) {
                assertEquals(truth[i], filled[i], "known pixel " + i + " kept");
            } else {
                guideError += Math.abs(guide[i] - truth[i]);
                filledError += Math.abs(filled[i] - truth[i]);
            }
        }
        assertTrue(filledError < guideError / 20, "the pattern's continuation found: " + filledError + " against "
                + guideError);
    }

    @Test
    void everyChannelIsFilledFromTheSameCandidates() {
        byte[] holes = strokes(SIZE);
        float[] red = pattern(5, SIZE);
        float[] green = new float[red.length];
        for (int i = 0; i < red.length; i++) {
            green[i] = 300 - red[i];
        }
        List<float[]> filled = NonLocalFill.fill(List.of(flatGuide(red, holes), flatGuide(green, holes)), holes, SIZE,
                SIZE, 200, TaskMonitor.NONE);
        for (int i = 0; i < red.length; i++) {
            if (holes[i] != 0) {
                assertEquals(300, filled.get(0)[i] + filled.get(1)[i], 1e-2, "the same weights at " + i);
                assertEquals(red[i], filled.get(0)[i], 5, "red at " + i);
            }
        }
    }

    @Test
    void aPixelBeyondTheSearchOfAnyKnownPixelKeepsItsGuideAndNoHoleChangesNothing() {
        float[] truth = pattern(7, SIZE);
        byte[] holes = new byte[SIZE * SIZE];
        for (int y = 10; y < 70; y++) {
            for (int x = 10; x < 70; x++) {
                holes[y * SIZE + x] = 1;
            }
        }
        float[] guide = flatGuide(truth, holes);
        float[] filled = NonLocalFill.fill(List.of(guide), holes, SIZE, SIZE, 50, TaskMonitor.NONE).get(0);
        int centre = 40 * SIZE + 40;
        assertEquals(guide[centre], filled[centre], "30 pixels from the nearest known pixel");
        int nearEdge = 11 * SIZE + 40;
        assertTrue(filled[nearEdge] != guide[nearEdge], "one pixel from the edge, known pixels within reach");
        assertArrayEquals(truth, NonLocalFill.fill(List.of(truth), new byte[SIZE * SIZE], SIZE, SIZE, 50, TaskMonitor.NONE).get(0));
        float[] flat = new float[SIZE * SIZE];
        Arrays.fill(flat, 5);
        assertArrayEquals(flat, NonLocalFill.fill(List.of(flat), strokes(SIZE), SIZE, SIZE, 0, TaskMonitor.NONE)
                .get(0), "a constant image (range 0: every match exact) keeps its guide, no NaN");
    }

    @Test
    void bandsOfAFewRowsFillAsOneBandDoes() {
        float[] truth = pattern(5, SIZE);
        byte[] holes = strokes(SIZE);
        float[] guide = flatGuide(truth, holes);
        float[] whole = NonLocalFill.fill(List.of(guide), holes, SIZE, SIZE, 50, TaskMonitor.NONE).get(0);
        // About three rows of holes a band here (a row of the long strokes holds 60 pixels on its own).
        float[] banded = NonLocalFill.fill(List.of(guide), holes, SIZE, SIZE, 50, TaskMonitor.NONE, 441 * 150)
                .get(0);
        assertArrayEquals(whole, banded, 1e-3f);
        double changed = 0;
        for (int i = 0; i < whole.length; i++) {
            changed = Math.max(changed, Math.abs(whole[i] - guide[i]));
        }
        assertTrue(changed > 10, "the holes were filled: " + changed);
    }

    @Test
    void aCancelStopsTheFill() {
        byte[] holes = strokes(SIZE);
        float[] truth = pattern(9, SIZE);
        assertThrows(CancelledException.class, () -> NonLocalFill.fill(List.of(flatGuide(truth, holes)), holes, SIZE,
                SIZE, 50, TestMonitors.CANCELLED));
    }
}
