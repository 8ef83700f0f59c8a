package io.github.imagejgan.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import ai.djl.Device;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.testing.HeapPeak;

/**
 * Makes a 16-bit z-stack isotropic with a pass-through model, then checks sampled voxels against linear interpolation
 * along z, which is what such a model leaves. Started in its own JVM by {@link LargeStackMemoryTest} with a heap just
 * above the input plus the 32-bit result, so that a copy of the resampled volume or of either view's results would
 * fail with OutOfMemoryError.
 */
public final class IsotropicStackRun {

    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int depth = Integer.parseInt(args[2]);
        int factor = Integer.parseInt(args[3]);
        // NB: positive values, so that the geometric mean of the two views is their value.
        ImageStack stack = LargeStackRun.pattern(size, depth, 100);
        ImagePlus input = new ImagePlus("stack", stack);
        input.setDimensions(1, depth, 1);
        long start = System.nanoTime();
        ImagePlus output;
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            output = new IsotropicRestoration(new Predictor(loaded), factor).run(input, new PredictionOptions(
                    OutputType.FLOAT32, 256, 1, -1), TaskMonitor.NONE);
        }
        System.out.printf("processed %dx%dx%d into %d slices in %.1f s%n", size, size, depth, output.getNSlices(),
                (System.nanoTime() - start) / 1e9);
        Random random = new Random(1);
        double worst = 0;
        for (int k = 0; k < 20000; k++) {
            int z = random.nextInt(depth * factor);
            int i = random.nextInt(size * size);
            int low = Math.min(z / factor, depth - 1);
            int up = Math.min(low + (z > low * factor ? 1 : 0), depth - 1);
            double w = up == low ? 0 : (z - low * factor) / (double) factor;
            double expected = (1 - w) * (((short[]) stack.getPixels(low + 1))[i] & 0xffff)
                    + w * (((short[]) stack.getPixels(up + 1))[i] & 0xffff);
            double actual = ((float[]) output.getStack().getPixels(z + 1))[i];
            worst = Math.max(worst, Math.abs(actual - expected) / expected);
        }
        System.out.printf("max-relative-error %.6f%n", worst);
        System.out.println("peak-heap-mb " + HeapPeak.megabytes());
    }
}
