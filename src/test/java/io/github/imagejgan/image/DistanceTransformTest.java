package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DistanceTransformTest {

    @Test
    void everyPixelGetsItsEuclideanDistanceToTheNearestSetPixel() {
        int w = 37;
        int h = 23;
        Random random = new Random(3);
        byte[] set = new byte[w * h];
        for (int i = 0; i < set.length; i++) {
            set[i] = (byte) (random.nextDouble() < 0.02 ? 1 : 0);
        }
        float[] distance = DistanceTransform.toNearest(set, w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double nearest = Double.MAX_VALUE;
                for (int j = 0; j < set.length; j++) {
                    if (set[j] != 0) {
                        nearest = Math.min(nearest, Math.hypot(j % w - x, j / w - y));
                    }
                }
                assertEquals(nearest, distance[y * w + x], 1e-4, "at " + x + "," + y);
            }
        }
    }

    @Test
    void anEmptySetIsFartherThanThePlaneIsWide() {
        float[] distance = DistanceTransform.toNearest(new byte[12 * 5], 12, 5);
        for (float d : distance) {
            assertTrue(d > Math.hypot(12, 5), "distance " + d);
        }
    }
}
