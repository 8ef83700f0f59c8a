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
 * Runs a 16-bit z-stack through a 2.5D model (each slice from its neighbours) into a 16-bit stack, then checks
 * sampled pixels: the model given is a pass-through, so every slice must come back as it was, in its place. Started
 * in its own JVM by {@link LargeStackMemoryTest} with a heap just above the input plus the output, so a float copy
 * of the volume, or of the neighbours of every slice, would fail with OutOfMemoryError.
 */
public final class LargeStackRun {

    /**
     * A 16-bit stack of {@code size x size x depth} whose every slice and pixel differ (a pattern of 14 bits), plus
     * {@code offset}.
     */
    static ImageStack pattern(int size, int depth, int offset) {
        ImageStack stack = new ImageStack(size, size);
        for (int z = 0; z < depth; z++) {
            short[] slice = new short[size * size];
            for (int i = 0; i < slice.length; i++) {
                slice[i] = (short) (offset + ((((i % size) * 7) ^ ((i / size) * 13) ^ (z * 1031)) & 0x3fff));
            }
            stack.addSlice(null, slice);
        }
        return stack;
    }

    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int depth = Integer.parseInt(args[2]);
        ImageStack stack = pattern(size, depth, 0);
        ImagePlus input = new ImagePlus("stack", stack);
        input.setDimensions(1, depth, 1);
        long start = System.nanoTime();
        ImagePlus output;
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            output = new Predictor(loaded).predict(input, null, new PredictionOptions(OutputType.SAME_AS_INPUT, 512,
                    1, -1), TaskMonitor.NONE);
        }
        System.out.printf("processed %dx%dx%d in %.1f s%n", size, size, depth, (System.nanoTime() - start) / 1e9);
        Random random = new Random(1);
        int worst = 0;
        for (int k = 0; k < 20000; k++) {
            int z = 1 + random.nextInt(depth);
            int i = random.nextInt(size * size);
            int a = ((short[]) input.getStack().getPixels(z))[i] & 0xffff;
            int b = ((short[]) output.getStack().getPixels(z))[i] & 0xffff;
            worst = Math.max(worst, Math.abs(a - b));
        }
        System.out.println("max-error " + worst);
        System.out.println("peak-heap-mb " + HeapPeak.megabytes());
    }
}
