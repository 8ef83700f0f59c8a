package io.github.imagejgan.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;

class PixelEncodingTest {

    @Test
    void sixteenBitRoundsHalfUpAddsTheOffsetAndClamps() {
        PixelEncoding camera = PixelEncoding.unsigned16(100, null);
        ImagePlus image = camera.toImage(new float[] { -150, -3.5f, 0.5f, 70000 }, 2, 2, "t");
        assertEquals(16, image.getBitDepth());
        assertArrayEquals(new short[] { 0, 97, 101, (short) 65535 }, (short[]) image.getProcessor().getPixels());
        assertArrayEquals(new float[] { -100, -3, 1, 65435 }, camera.values(image));
    }

    @Test
    void eightAndThirtyTwoBit() {
        ImagePlus bytes = PixelEncoding.UNSIGNED_8.toImage(new float[] { -1, 127.5f, 300 }, 3, 1, "b");
        assertArrayEquals(new byte[] { 0, (byte) 128, (byte) 255 }, (byte[]) bytes.getProcessor().getPixels());
        float[] exact = { -1.25f, 3e6f };
        assertArrayEquals(exact, PixelEncoding.FLOAT_32.values(PixelEncoding.FLOAT_32.toImage(exact, 2, 1, "f")));
        assertThrows(IllegalArgumentException.class, () -> new PixelEncoding(32, 5, null));
        assertThrows(IllegalArgumentException.class, () -> new PixelEncoding(12, 0, null));
        assertThrows(IllegalArgumentException.class, () -> PixelEncoding.UNSIGNED_8.toImage(new float[3], 2, 2, "x"));
    }
}
