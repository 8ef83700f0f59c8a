package io.github.imagejgan.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.testing.TiffFiles;

/**
 * Batches, each in a JVM of its own with a small heap, over files that are cut short, declare more pixels than the
 * heap holds, or need more while processed: each such file fails with a message that says what is wrong, and the
 * files after it are still processed.
 */
class DamagedImagesTest {

    @TempDir
    Path dir;

    @Test
    void damagedAndHostileFilesFailOneByOneAndTheBatchGoesOn() throws IOException, InterruptedException {
        Path models = Files.createDirectories(dir.resolve("models"));
        TestModels.passThrough(models.resolve("denoise-test.zip"), "denoise-test", new ResidualDenoiserSpec(1, 4, 2),
                ModelTask.DENOISE, 64, false);
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageFiles.saveTiff(IJ.createImage("a", "16-bit ramp", 128, 128, 1), in.resolve("a-whole.tif"));
        ImageFiles.saveTiff(IJ.createImage("b", "16-bit ramp", 128, 128, 1), in.resolve("b-cut.tif"));
        TiffFiles.truncate(in.resolve("b-cut.tif"), 1000);
        // A bare header that claims 46000 x 46000 16-bit pixels, and a tiny compressed strip claiming 7.9 GiB.
        TiffFiles.uncompressed(in.resolve("c-claims.tif"), 46000, 46000, 16, new byte[0]);
        TiffFiles.deflated(in.resolve("d-bomb.tif"), 46000, 46000, 32, 46000, new byte[4096]);
        // ImageJ reads PGM itself, with no header checked first: the memory error of the read is caught instead
        // (400 MB of pixels in a 256 MB heap), and a size beyond an int fails as a corrupt file.
        Files.write(in.resolve("e-large.pgm"), "P5 20000 20000 255\n".getBytes(US_ASCII));
        Files.write(in.resolve("e-overflow.pgm"), "P5 46000 46000 65535\n".getBytes(US_ASCII));
        ImageFiles.saveTiff(IJ.createImage("f", "16-bit ramp", 128, 128, 1), in.resolve("f-whole.tif"));
        Path out = dir.resolve("out");

        Run run = cli("256m", models, "denoise", "--model", "denoise-test", "--device", "cpu", "--out", out.toString(),
                in.toString());
        String output = run.output();

        assertEquals(1, run.exit(), output);
        assertTrue(output.contains("2 written, 0 skipped, 5 failed"), output);
        assertTrue(output.contains("b-cut.tif failed: b-cut.tif is truncated: 1000 bytes, but its header promises"),
                output);
        assertTrue(output.contains("c-claims.tif failed: c-claims.tif is truncated: 122 bytes, but its header "
                + "promises 4232000122"), output);
        assertTrue(output.contains("d-bomb.tif failed: d-bomb.tif declares 46000 × 46000 pixels × 1 plane (7.9 GiB)"),
                output);
        assertTrue(output.contains("e-large.pgm failed: e-large.pgm did not fit in this run's memory (at most"),
                output);
        assertTrue(output.contains("e-overflow.pgm failed: ImageJ cannot read"), output);
        assertFalse(output.contains("OutOfMemoryError") || output.contains("\tat "), "no stack trace: " + output);
        assertEquals(128, IJ.openImage(out.resolve("f-whole.tif").toString()).getWidth(),
                "the file after the failures was processed");
        try (var outputs = Files.list(out)) {
            // The output folder's lock file (hidden) stays; no partial output of a failed file does.
            assertEquals(List.of(".imagej-gan.lock", "a-whole.tif", "f-whole.tif"), outputs.map(p -> p.getFileName()
                    .toString()).sorted().toList());
        }
    }

    @Test
    void anImageThatRunsOutOfMemoryWhileProcessedFailsAloneAndTheBatchGoesOn() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        TestModels.passThrough(models.resolve("sr-test.zip"), "sr-test", new ResidualSrSpec(1, 4, 1, 2),
                ModelTask.SUPER_RESOLUTION, 64, false);
        Path in = Files.createDirectories(dir.resolve("in"));
        // 9 MB to read, but a 144 MB float result at twice the size, in a 128 MB heap.
        ImageFiles.saveTiff(IJ.createImage("a", "8-bit ramp", 3000, 3000, 1), in.resolve("a-large.tif"));
        ImageFiles.saveTiff(IJ.createImage("b", "8-bit ramp", 64, 64, 1), in.resolve("b-small.tif"));
        Path out = dir.resolve("out");
        Run run = cli("128m", models, "sr", "--model", "sr-test", "--output-type", "float", "--device", "cpu",
                "--out", out.toString(), in.toString());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("a-large.tif failed: a-large.tif did not fit in this run's memory"),
                run.output());
        assertTrue(run.output().contains("1 written, 0 skipped, 1 failed"), run.output());
        assertFalse(run.output().contains("OutOfMemoryError"), run.output());
        assertEquals(128, IJ.openImage(out.resolve("b-small.tif").toString()).getWidth());
    }

    private record Run(int exit, String output) {
    }

    /** The command line in a JVM of its own, with this heap and shipped models. */
    private Run cli(String heap, Path models, String... args) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-Dimagejgan.shipped.models=" + models, "-Dimagejgan.user.models=" + dir.resolve("user"), "-cp",
                classPath, Main.class.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve("run.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the run did not end");
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
