package io.github.imagejgan.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PhantomsTest {

    static Iterable<String> names() {
        return Phantoms.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void sameSeedSameImageOtherSeedOtherImage(String name) {
        Phantom phantom = Phantoms.typical(name, 72, 56);
        float[] first = phantom.render(11);
        assertEquals(72 * 56, first.length);
        assertArrayEquals(first, phantom.render(11));
        assertFalse(Arrays.equals(first, phantom.render(12)));
        for (float v : first) {
            assertTrue(Float.isFinite(v), name + " renders a non-finite value");
        }
        assertTrue(phantom.describe().containsKey("type"));
    }

    @Test
    void deadLeavesHaveSharpOcclusionEdgesWithin8BitRange() {
        DeadLeavesPhantom leaves = DeadLeavesPhantom.typical(128, 128);
        float[] image = leaves.render(2);
        assertTrue(Shapes.min(image) >= 0 && Shapes.max(image) <= 255);
        int edges = 0;
        for (int i = 0; i + 1 < image.length; i++) {
            if (i % 128 != 127 && Math.abs(image[i + 1] - image[i]) > 40) {
                edges++;
            }
        }
        assertTrue(edges > 200, "strong edges: " + edges);
        assertTrue(Shapes.fraction(image, 100, 155) < 0.6, "leaves span the gray levels");
        assertEquals(PixelEncoding.UNSIGNED_8, leaves.encoding());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Phantoms.typical("cells", 64,
                64));
        assertTrue(e.getMessage().contains("filaments"), e.getMessage());
    }
}
