package io.github.imagejgan.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import ij.ImagePlus;

/** Comparing the slices of z-stacks, for the tests of models that see neighbouring slices. */
public final class StackPlanes {

    private StackPlanes() {
    }

    /** A slice (1-based) as 32-bit values. */
    public static float[] pixels(ImagePlus imp, int slice) {
        return (float[]) imp.getStack().getProcessor(slice).convertToFloat().getPixels();
    }

    /** The slices (1-based) whose values differ at all between two stacks of the same size. */
    public static List<Integer> differingSlices(ImagePlus a, ImagePlus b) {
        List<Integer> differing = new ArrayList<>();
        for (int z = 1; z <= a.getStackSize(); z++) {
            if (!Arrays.equals(pixels(a, z), pixels(b, z))) {
                differing.add(z);
            }
        }
        return differing;
    }

    /**
     * Puts values in a random order in place: the same values elsewhere, so that an image's percentiles, and with them
     * its normalization, stay exactly the same.
     */
    public static void shuffle(float[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
