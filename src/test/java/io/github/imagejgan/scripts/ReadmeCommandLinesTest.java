package io.github.imagejgan.scripts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import io.github.imagejgan.image.ImageFiles;

/**
 * The command lines of the README's "Headless batch" section, run as written through {@code scripts/imagej-gan}
 * from a folder holding {@code data/}, {@code masks/} and {@code clean/} made from the bundled sample, with the
 * checkout's shipped models; none of them prints DJL's CUDA probe warning on a machine without CUDA. The launcher gets
 * this test's class path (IMAGEJ_GAN_CLASSPATH) instead of running Maven.
 * Left out: {@code train} (minutes of training; CliTest trains) and {@code evaluate --real ... --download-weights},
 * which downloads a feature network.
 */
class ReadmeCommandLinesTest {

    private static final Path SCRIPT = Path.of("scripts", "imagej-gan").toAbsolutePath();
    private static final String SAMPLE = "filaments-noisy.tif";

    @TempDir
    Path work;

    @Test
    void theReadmesCommandLinesRunAsWrittenFromACheckout() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md")).stream()
                .filter(l -> l.startsWith("scripts/imagej-gan ")).toList();
        // NB: lines that train (train, denoise --self-supervised, isotropic, whose second line needs the model the
        // first trains) run for minutes; SelfSupervisedCliTest, IsotropicCliTest and TrainSubcommandTest run them
        // with tiny settings.
        List<String> runnable = lines.stream().filter(l -> !l.contains(" train ")
                && !l.contains("--self-supervised") && !l.contains(" isotropic ") && !l.contains("--download-weights"))
                .toList();
        assertEquals(List.of("denoise", "sr", "denoise", "inpaint", "evaluate", "models", "models"), runnable.stream()
                .map(l -> l.split(" ")[1]).toList(), "the README's examples changed: " + lines);
        Files.copy(Path.of("samples", SAMPLE), Files.createDirectories(work.resolve("data")).resolve(SAMPLE));
        Files.copy(Path.of("samples", "filaments-clean.tif"), Files.createDirectories(work.resolve("clean"))
                .resolve(SAMPLE));
        ImagePlus mask = IJ.createImage("mask", "8-bit black", 256, 256, 1);
        ImageProcessor hole = mask.getProcessor();
        hole.setRoi(100, 100, 20, 20);
        hole.setValue(255);
        hole.fill();
        ImageFiles.saveTiff(mask, Files.createDirectories(work.resolve("masks")).resolve(SAMPLE));

        for (String line : runnable) {
            String output = run(line);
            assertFalse(output.contains("Failed to detect GPU count"), "DJL's CUDA probe is not the user's concern "
                    + "on a machine without CUDA: " + output);
            if (line.contains(" models list")) {
                for (String model : List.of("denoise-general", "sr2-general", "sr4-general",
                        "inpaint-general", "style-widefield-to-confocal")) {
                    assertTrue(output.matches("(?s).*\\n" + model + " .* shipped .*"), model + ": " + output);
                }
            }
            if (line.contains(" models info")) {
                assertTrue(output.contains("Name: sr2-general (shipped)") && output.contains("Started from: "),
                        output);
            }
        }
        ImageProcessor input = ImageFiles.open(work.resolve("data").resolve(SAMPLE)).getProcessor();
        ImagePlus denoised = ImageFiles.open(work.resolve("results").resolve(SAMPLE));
        // Restorations default to 32-bit float, which keeps the values between grey levels.
        assertEquals(32, denoised.getBitDepth());
        assertEquals(256, denoised.getWidth());
        ImagePlus averaged = ImageFiles.open(work.resolve("results-averaged").resolve(SAMPLE));
        assertEquals(256, averaged.getWidth(), "the mean over 8 flips keeps the image's size");
        ImagePlus sr = ImageFiles.open(work.resolve("sr").resolve(SAMPLE));
        assertEquals(32, sr.getBitDepth());
        assertEquals(512, sr.getWidth());
        ImageProcessor filled = ImageFiles.open(work.resolve("filled").resolve(SAMPLE)).getProcessor();
        filled.setRoi(0, 0, 256, 100);
        input.setRoi(0, 0, 256, 100);
        assertArrayEquals((short[]) input.crop().getPixels(), (short[]) filled.crop().getPixels(),
                "outside the mask nothing changes");
        assertEquals(2, Files.readAllLines(work.resolve("scores.csv")).size(), "a header and one image");
    }

    /** One README line through bash, as a user types it in the folder; fails on a non-zero exit status. */
    private String run(String line) throws IOException, InterruptedException {
        String command = "'" + SCRIPT + "'" + line.substring("scripts/imagej-gan".length());
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(work.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("IMAGEJ_GAN_CLASSPATH", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")));
        env.put("IMAGEJ_GAN_MODELS", work.resolve("user-models").toString());
        env.put("JAVA_OPTS", "-Xmx2g");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), line + ": " + output);
        assertEquals(0, process.exitValue(), line + ": " + output);
        return output;
    }
}
