package io.github.imagejgan.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.imagejgan.cli.Main;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.Networks;

/**
 * What the tests share: untrained tiny model packages, small images, and both command lines run in this process.
 */
final class TestSupport {

    /** What a command line printed and returned. */
    record Result(int code, String out, String err) {
    }

    private TestSupport() {
    }

    /** Runs the Spark command line on the given context. */
    static Result sparkCli(JavaSparkContext spark, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), spark);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the plugin's own command line, the single-machine reference. */
    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * An untrained model package of the given network, its weights as initialized from {@code seed}: every output
     * pixel depends on its neighbourhood, so tiles, halos and blending show in the result.
     */
    static Path untrainedModel(Path file, NetworkSpec spec, ModelTask task, long seed) throws IOException {
        return untrainedModel(file, spec, task, seed, null);
    }

    /** {@link #untrainedModel(Path, NetworkSpec, ModelTask, long)} that records how it was made. */
    static Path untrainedModel(Path file, NetworkSpec spec, ModelTask task, long seed,
            ModelDescriptor.Provenance provenance) throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Networks.create(spec, manager);
            ModelDescriptor descriptor = new ModelDescriptor(file.getFileName().toString().replace(".zip", ""),
                    "untrained test model", task, spec, ModelDescriptor.Normalization.DEFAULT,
                    new ModelDescriptor.Tiling(32, spec.receptiveFieldRadius(), 4), provenance, Map.of());
            ModelPackage.write(file, descriptor, block, Map.of());
        }
        return file;
    }

    /** A 16-bit image of smooth structure and noise, with the given hyperstack dimensions. */
    static ImagePlus image(int w, int h, int c, int z, int t, long seed) {
        Random random = new Random(seed);
        ImageStack stack = new ImageStack(w, h);
        for (int i = 0; i < c * z * t; i++) {
            short[] pixels = new short[w * h];
            double fx = 0.05 + random.nextDouble() * 0.2;
            double fy = 0.05 + random.nextDouble() * 0.2;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 1000 + 800 * Math.sin(x * fx) * Math.cos(y * fy) + random.nextGaussian() * 150;
                    pixels[y * w + x] = (short) Math.max(0, Math.min(65535, Math.round(v)));
                }
            }
            stack.addSlice(null, pixels);
        }
        ImagePlus imp = new ImagePlus("image", stack);
        imp.setDimensions(c, z, t);
        if (c * z * t > 1) {
            imp.setOpenAsHyperStack(true);
        }
        return imp;
    }

    static Path save(ImagePlus imp, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageFiles.saveTiff(imp, file);
        return file;
    }

    static ImagePlus open(Path file) {
        return IJ.openImage(file.toString());
    }

    /** Every file and folder under {@code dir}, hidden ones included. */
    static Stream<Path> everything(Path dir) throws IOException {
        return Files.walk(dir).filter(p -> !p.equals(dir));
    }
}
