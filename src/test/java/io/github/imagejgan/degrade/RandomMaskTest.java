package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RandomMaskTest {

    @ParameterizedTest
    @EnumSource(MaskShape.class)
    void coverageStaysInTheRequestedRangeAndOnlyMaskedPixelsChange(MaskShape shape) {
        int w = 96;
        int h = 80;
        float[] image = new float[w * h];
        for (int i = 0; i < image.length; i++) {
            image[i] = 1 + i % 97;
        }
        RandomMask mask = new RandomMask(shape, 0.1, 0.3, -5);
        double lowest = 1;
        double highest = 0;
        for (long seed = 0; seed < 12; seed++) {
            Degraded d = mask.apply(image, w, h, seed);
            int missing = 0;
            for (int i = 0; i < image.length; i++) {
                if (d.mask()[i] == 1) {
                    missing++;
                    assertEquals(-5f, d.image()[i]);
                } else {
                    assertEquals(0, d.mask()[i]);
                    assertEquals(image[i], d.image()[i]);
                }
            }
            double coverage = missing / (double) image.length;
            assertTrue(coverage >= 0.1 && coverage <= 0.3, shape + " coverage " + coverage);
            lowest = Math.min(lowest, coverage);
            highest = Math.max(highest, coverage);
        }
        assertTrue(highest - lowest > 0.05, "coverage varies across the range: " + lowest + ".." + highest);
        assertArrayEquals(mask.apply(image, w, h, 3).mask(), mask.apply(image, w, h, 3).mask());
        assertFalse(Arrays.equals(mask.apply(image, w, h, 3).mask(), mask.apply(image, w, h, 4).mask()));
    }

    @Test
    void boxesHaveStraightOutlinesAndBlobsAreCompact() {
        int w = 128;
        byte[] boxes = new RandomMask(MaskShape.BOXES, 0.2, 0.2, 0).apply(new float[w * w], w, w, 1).mask();
        byte[] blobs = new RandomMask(MaskShape.BLOBS, 0.2, 0.2, 0).apply(new float[w * w], w, w, 1).mask();
        // Corners (2x2 windows with one or three masked pixels) occur only at the few corners of rectangles, but
        // all along the staircase outline of a rounded shape.
        assertTrue(corners(boxes, w) * 5 < corners(blobs, w), "box corners " + corners(boxes, w) + ", blob corners "
                + corners(blobs, w));
        int edges = 0;
        for (int i = 0; i < w * w; i++) {
            if (i % w + 1 < w && blobs[i] != blobs[i + 1]) {
                edges++;
            }
        }
        // Scattered pixels of the same coverage would have about 2 * 0.2 * 0.8 * w * w = 5200 horizontal edges.
        assertTrue(edges < 600, "blob outline crossings " + edges);
    }

    private static int corners(byte[] mask, int w) {
        int count = 0;
        for (int y = 0; y + 1 < w; y++) {
            for (int x = 0; x + 1 < w; x++) {
                int sum = mask[y * w + x] + mask[y * w + x + 1] + mask[(y + 1) * w + x] + mask[(y + 1) * w + x + 1];
                if (sum == 1 || sum == 3) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void describesItselfAndRejectsBadCoverage() {
        assertEquals("strokes", new RandomMask(MaskShape.STROKES, 0, 0.5, 0).describe().get("shape"));
        assertThrows(IllegalArgumentException.class, () -> new RandomMask(MaskShape.BOXES, 0.4, 0.2, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomMask(MaskShape.BOXES, 0.1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomMask(null, 0.1, 0.2, 0));
    }
}
