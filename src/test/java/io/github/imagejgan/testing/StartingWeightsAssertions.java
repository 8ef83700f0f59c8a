package io.github.imagejgan.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;

/** Checks that a training run started from a model's weights (fine-tuning) and not from random ones. */
public final class StartingWeightsAssertions {

    private StartingWeightsAssertions() {
    }

    /**
     * Asserts that the output of a run started from a model (one step at a vanishing rate) equals the model's own
     * output, while a run from random weights gives something else: the largest pixel difference from the model is
     * under a thousandth of the random run's.
     */
    public static void assertStartedFrom(Path byModel, Path byStartedRun, Path byRandomRun) {
        float[] expected = pixels(byModel);
        float[] started = pixels(byStartedRun);
        float[] random = pixels(byRandomRun);
        double fromStart = 0;
        double fromRandom = 0;
        for (int i = 0; i < expected.length; i++) {
            fromStart = Math.max(fromStart, Math.abs(started[i] - expected[i]));
            fromRandom = Math.max(fromRandom, Math.abs(random[i] - expected[i]));
        }
        assertTrue(fromStart < 1e-3 * fromRandom, "started from the model: " + fromStart + " against " + fromRandom);
    }

    /** The pixels of an image file as floats. */
    public static float[] pixels(Path image) {
        ImagePlus opened = IJ.openImage(image.toString());
        return (float[]) opened.getProcessor().convertToFloatProcessor().getPixels();
    }
}
