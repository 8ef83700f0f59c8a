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

    @Test
    void labelsMarkTheBrightNucleiAndRenderingWithLabelsGivesTheSameImage() {
        NucleiPhantom phantom = new NucleiPhantom(96, 96, 10, 6, 12, 0, 10, 200);
        LabelledScene scene = phantom.renderLabelled(4);
        assertArrayEquals(phantom.render(4), scene.image());
        assertArrayEquals(scene.labels(), phantom.renderLabelled(4).labels());
        assertTrue(scene.largestId() >= 5, "several nuclei: " + scene.largestId());
        double inside = 0;
        double outside = 0;
        int n = 0;
        for (int i = 0; i < scene.labels().length; i++) {
            if (scene.labels()[i] > 0) {
                inside += scene.image()[i];
                n++;
            } else {
                outside += scene.image()[i];
            }
        }
        inside /= n;
        outside /= scene.labels().length - n;
        assertTrue(n > 500 && n < scene.labels().length * 0.9, "foreground pixels " + n);
        assertTrue(inside > outside + 50, "labelled pixels are bright: " + inside + " vs " + outside);
        // Without blur every pixel brighter than the background belongs to a nucleus.
        for (int i = 0; i < scene.labels().length; i++) {
            if (scene.image()[i] > 12) {
                assertTrue(scene.labels()[i] > 0, "bright pixel " + i + " unlabelled");
            }
        }
    }
}
