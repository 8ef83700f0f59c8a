package io.github.imagejgan.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class NucleiPhantomTest {

    @Test
    void sameSeedSameImageOtherSeedOtherImage() {
        NucleiPhantom phantom = NucleiPhantom.typical(96, 64);
        assertArrayEquals(phantom.render(5), phantom.render(5));
        assertFalse(Arrays.equals(phantom.render(5), phantom.render(6)));
    }

    @Test
    void nucleiStandOutFromTheBackground() {
        NucleiPhantom phantom = NucleiPhantom.typical(128, 128);
        float[] image = phantom.render(3);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : image) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= 0, "photon counts are never negative");
        assertTrue(min < phantom.background() * 1.5, "background level near " + phantom.background() + ": " + min);
        assertTrue(max > phantom.background() + phantom.peak() * 0.3, "bright nuclei present: " + max);
    }

    @Test
    void psfBlurSmoothsEdges() {
        NucleiPhantom sharp = new NucleiPhantom(64, 64, 10, 8, 8, 0, 0, 100);
        NucleiPhantom blurred = new NucleiPhantom(64, 64, 10, 8, 8, 2, 0, 100);
        double ratio = gradientEnergy(blurred.render(1)) / gradientEnergy(sharp.render(1));
        assertTrue(ratio < 0.9, "gradient energy ratio " + ratio);
        assertEquals(64 * 64, blurred.render(1).length);
    }

    private static double gradientEnergy(float[] image) {
        double sum = 0;
        for (int i = 1; i < image.length; i++) {
            double d = image[i] - image[i - 1];
            sum += d * d;
        }
        return sum;
    }
}
