package io.github.imagejgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PsnrTest {

    @Test
    void matchesHandComputedValue() {
        // MSE = (1 + 4 + 0 + 9) / 4 = 3.5; PSNR = 10 log10(255^2 / 3.5) = 42.6901 dB.
        float[] a = { 10, 20, 30, 40 };
        float[] b = { 11, 18, 30, 43 };
        assertEquals(42.6901, Psnr.of(a, b, 255), 1e-4);
        assertThrows(IllegalArgumentException.class, () -> Psnr.of(a, new float[3], 1));
    }
}
