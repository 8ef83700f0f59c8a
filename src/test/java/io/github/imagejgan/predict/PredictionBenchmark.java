package io.github.imagejgan.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ij.ImagePlus;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.TaskMonitor;

/**
 * Whole-image prediction as users run it (a 16-bit ImagePlus through {@link Predictor} at the automatic tile size:
 * normalization, bridge, tiles, blending, 32-bit output) beside DJL's raw forward of the same network over the whole
 * image in one piece, the ceiling of any tiling; for each image size given (default 1024 and 4096). The network is
 * {@link UNetSpec#restoration} with seeded weights, the one {@code scripts/bench/gan_step.py} builds in Python.
 * Prints one line per measurement for {@code scripts/bench/prediction.sh}; not a test.
 */
public final class PredictionBenchmark {

    /** Native memory of the one-piece forward per pixel, measured (peak resident size) with some room. */
    private static final long RAW_BYTES_PER_PIXEL = 1200;

    private PredictionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] { 1024, 4096 };
        // NB: through the plugin's entry, which prepares native memory before the engine starts, as Fiji does.
        System.out.println("java-djl PyTorch " + DeviceSelector.engine().getVersion());
        Path file = Files.createTempFile("prediction-benchmark", ".zip");
        try {
            writePackage(file);
            try (LoadedModel model = ModelPackage.load(file, Device.cpu())) {
                System.out.println("halo " + model.descriptor().tiling().halo());
                for (int size : sizes) {
                    measure(model, size);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void measure(LoadedModel model, int size) {
        int repeats = size > 2048 ? 1 : 5;
        ImagePlus image = image16(size, 3);
        PredictionOptions options = TileSizes.options(model, "auto", OutputType.FLOAT32, -1, size, size);
        Predictor predictor = new Predictor(model);
        Runnable endToEnd = () -> predictor.predict(image, null, options, TaskMonitor.NONE);
        long needed = (long) size * size * RAW_BYTES_PER_PIXEL;
        boolean rawFits = needed < TileSizes.freeMemory();
        GradientMode.disableOnThisThread();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray whole = manager.randomUniform(0, 1, new Shape(1, 1, size, size));
            Block network = model.generator();
            Runnable raw = () -> {
                try (NDManager scope = manager.newSubManager()) {
                    // NB: in the scope, so that the activations (attached to their input's manager) are freed after.
                    NDArray input = whole.duplicate();
                    input.attach(scope);
                    network.forward(new ParameterStore(scope, false), new NDList(input), false).singletonOrThrow()
                            .toByteBuffer(false);
                }
            };
            // Alternating, after one warm-up run of each, so that neither gets the other's warm memory or JIT.
            double[] e2e = new double[repeats];
            double[] one = new double[repeats];
            endToEnd.run();
            if (rawFits) {
                raw.run();
            }
            for (int i = 0; i < repeats; i++) {
                e2e[i] = seconds(endToEnd);
                one[i] = rawFits ? seconds(raw) : 0;
            }
            System.out.printf("java-e2e %d %.3f tile %d tiles %d%n", size, median(e2e), options.tileSize(),
                    predictor.processor(options).tileCount(size, size));
            if (rawFits) {
                System.out.printf("java-raw %d %.3f%n", size, median(one));
            } else {
                System.out.printf("java-raw %d n/a (one piece needs about %d GB)%n", size, needed >> 30);
            }
        }
    }

    /** A 16-bit image of the given size: blobs over a dim background, with noise. */
    private static ImagePlus image16(int size, long seed) {
        java.util.Random random = new java.util.Random(seed);
        short[] pixels = new short[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double blobs = Math.max(0, Math.sin(x * 0.05) * Math.sin(y * 0.07));
                pixels[y * size + x] = (short) (300 + 2000 * blobs + 40 * random.nextGaussian());
            }
        }
        return new ImagePlus("bench", new ij.process.ShortProcessor(size, size, pixels, null));
    }

    private static void writePackage(Path file) throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        UNetSpec spec = UNetSpec.restoration(1, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = Networks.create(spec, manager);
            ModelDescriptor descriptor = new ModelDescriptor("benchmark", "seeded weights", ModelTask.DENOISE, spec,
                    ModelDescriptor.Normalization.DEFAULT, ModelDescriptor.Tiling.forGenerator(spec, 256), null,
                    Map.of());
            ModelPackage.write(file, descriptor, generator, Map.of());
        }
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] t) {
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
