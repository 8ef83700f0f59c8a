package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PlaneAccessesTest {

    @Test
    void floatPlaneReadsOnePlaneOfABatchInPlace() {
        // Three 3 x 2 planes one after the other, each pixel its own index.
        float[] planes = new float[18];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = i;
        }
        PlaneAccess second = PlaneAccesses.floatPlane(planes, 1, 3, 2);
        assertArrayEquals(new float[] { 6, 7, 8, 9, 10, 11 }, PlaneAccesses.read(second));
        planes[10] = -1;
        assertArrayEquals(new float[] { 6, 7, 8, 9, -1, 11 }, PlaneAccesses.read(second), "no copy: a view");
        assertThrows(IllegalArgumentException.class, () -> PlaneAccesses.floatPlane(planes, 3, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> PlaneAccesses.floatPlane(planes, -1, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> PlaneAccesses.floatPlane(planes, 0, 0, 2));
    }
}
