package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The sampling of neighbour pairs: one pixel per 2x2 cell for each image, the two side by side. */
class NeighbourPairsTest {

    @Test
    void eachCellGivesOnePixelToEachImageAndTheTwoShareARowOrAColumn() {
        int size = 8;
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 3, size, size);
            NeighbourPairs.Pair pair = NeighbourPairs.draw(manager, shape, new SplittableRandom(4));
            float[] first = pair.first().toFloatArray();
            float[] second = pair.second().toFloatArray();
            int[] corners = new int[4];
            for (int plane = 0; plane < 6; plane++) {
                for (int cy = 0; cy < size; cy += 2) {
                    for (int cx = 0; cx < size; cx += 2) {
                        int a = -1;
                        int b = -1;
                        for (int k = 0; k < 4; k++) {
                            int i = plane * size * size + (cy + (k >> 1)) * size + cx + (k & 1);
                            if (first[i] == 1) {
                                assertEquals(-1, a, "one pixel per cell for the first image");
                                a = k;
                            }
                            if (second[i] == 1) {
                                assertEquals(-1, b, "one pixel per cell for the second image");
                                b = k;
                            }
                        }
                        assertTrue(a >= 0 && b >= 0);
                        int distance = Math.abs((a >> 1) - (b >> 1)) + Math.abs((a & 1) - (b & 1));
                        assertEquals(1, distance, "neighbours, not the same pixel nor diagonal");
                        corners[a]++;
                    }
                }
            }
            for (int count : corners) {
                assertTrue(count > 10, "every corner of a cell gets chosen");
            }
        }
    }

    @Test
    void theHalfSizeImagesTakeTheSelectedPixels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, 1, 4, 4);
            float[] values = new float[16];
            for (int i = 0; i < 16; i++) {
                values[i] = i;
            }
            NDArray image = manager.create(values, shape);
            NeighbourPairs.Pair pair = NeighbourPairs.draw(manager, shape, new SplittableRandom(9));
            NDArray first = pair.first(image);
            assertEquals(new Shape(1, 1, 2, 2), first.getShape());
            float[] selector = pair.first().toFloatArray();
            float[] expected = new float[4];
            for (int i = 0; i < 16; i++) {
                if (selector[i] == 1) {
                    expected[(i / 4 / 2) * 2 + (i % 4) / 2] = values[i];
                }
            }
            assertArrayEquals(expected, first.toFloatArray());
            assertNotEquals(0, pair.first(image).sub(pair.second(image)).abs().sum().getFloat());
            assertThrows(TrainingSettingsException.class, () -> NeighbourPairs.draw(manager, new Shape(1, 1, 5, 4),
                    new SplittableRandom(1)));
        }
    }

    @Test
    void settingsReadBackAndTheRegularizerGrows() {
        SelfSupervision pairs = SelfSupervision.parse("pairs,gamma=1.5");
        assertInstanceOf(NeighbourPairs.class, pairs);
        assertEquals(pairs, SelfSupervision.parse(pairs.spec()));
        assertEquals(NeighbourPairs.DEFAULT, SelfSupervision.parse("pairs"));
        assertInstanceOf(BlindSpot.class, SelfSupervision.parse(null));
        assertInstanceOf(BlindSpot.class, SelfSupervision.parse("fraction=0.1"));
        assertThrows(TrainingSettingsException.class, () -> SelfSupervision.parse("pairs,gamma=-1"));
        assertThrows(TrainingSettingsException.class, () -> SelfSupervision.parse("pairs,fraction=0.1"));
        assertEquals(0, NeighbourPairs.DEFAULT.weightAt(0, 100));
        assertEquals(1, NeighbourPairs.DEFAULT.weightAt(50, 100), 1e-12);
        assertEquals(2, NeighbourPairs.DEFAULT.weightAt(100, 100), 1e-12);
    }
}
