package io.github.imagejgan.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import ij.IJ;
import ij.ImagePlus;
import io.github.imagejgan.image.ImageFiles;

/** Paired training folders for tests: 16-bit ramps as targets, the same with strong Gaussian noise as inputs. */
public final class NoisyPairs {

    private NoisyPairs() {
    }

    /** Writes {@code img0.tif ...} of side {@code size} into both folders (which must exist), seeded. */
    public static void write(Path inputs, Path targets, int count, int size) throws IOException {
        Random random = new Random(2);
        for (int i = 0; i < count; i++) {
            ImagePlus clean = IJ.createImage("c" + i, "16-bit ramp", size, size, 1);
            ImagePlus noisy = clean.duplicate();
            for (int k = 0; k < size * size; k++) {
                noisy.getProcessor().set(k, Math.max(0, clean.getProcessor().get(k) + (int) (3000
                        * random.nextGaussian())));
            }
            ImageFiles.saveTiff(clean, targets.resolve("img" + i + ".tif"));
            ImageFiles.saveTiff(noisy, inputs.resolve("img" + i + ".tif"));
        }
    }
}
