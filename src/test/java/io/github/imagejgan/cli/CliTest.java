package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;

class CliTest {

    @TempDir
    Path dir;

    Path shipped;
    Path user;

    @BeforeEach
    void models() throws IOException {
        TestModels.ModelFolders folders = TestModels.useModelFolders(dir);
        shipped = folders.shipped();
        user = folders.user();
        TestModels.passThrough(shipped.resolve("denoise-test.zip"), "denoise-test", new ResidualDenoiserSpec(1, 4, 2),
                ModelTask.DENOISE, 64, false);
    }

    @AfterEach
    void forget() {
        TestModels.forgetModelFolders();
    }

    record Result(int code, String out, String err) {
    }

    /** Runs the command line in this process. */
    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path images(String name, int count, int size) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Random random = new Random(3);
        for (int i = 0; i < count; i++) {
            ImagePlus imp = IJ.createImage("img", "16-bit black", size, size, 1);
            for (int k = 0; k < size * size; k++) {
                imp.getProcessor().set(k, 100 + random.nextInt(5000));
            }
            imp.getCalibration().pixelWidth = 0.4;
            imp.getCalibration().setUnit("micron");
            ImageFiles.saveTiff(imp, folder.resolve(String.format("img%03d.tif", i)));
        }
        return folder;
    }

    @Test
    void denoiseAFolderSkippingExistingAndReportingBadFiles() throws IOException {
        Path in = images("in", 3, 40);
        Files.writeString(in.resolve("broken.tif"), "not a tiff");
        Path out = dir.resolve("out");
        Result first = cli("denoise", "--model", "denoise-test", "--out", out.toString(), "--device", "cpu",
                "--output-type", "same", in.toString());
        assertEquals(1, first.code(), "one file failed: " + first.err());
        assertTrue(first.err().contains("broken.tif failed"), first.err());
        assertTrue(first.out().contains("3 written, 0 skipped, 1 failed"), first.out());
        ImagePlus original = IJ.openImage(in.resolve("img001.tif").toString());
        ImagePlus denoised = IJ.openImage(out.resolve("img001.tif").toString());
        assertEquals(16, denoised.getBitDepth());
        assertEquals(0.4, denoised.getCalibration().pixelWidth, 1e-6);
        assertArrayEquals((short[]) original.getProcessor().getPixels(), (short[]) denoised.getProcessor()
                .getPixels());

        Result second = cli("denoise", "--model", "denoise-test", "--out", out.toString(), "--device", "cpu",
                in.resolve("img*.tif").toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("0 written, 3 skipped, 0 failed"), second.out());
        Result again = cli("denoise", "--model", "denoise-test", "--out", out.toString(), "--overwrite",
                "--output-type", "float", "--device", "cpu", in.resolve("img000.tif").toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(32, IJ.openImage(out.resolve("img000.tif").toString()).getBitDepth());
    }

    @Test
    void restorationsDefaultToFloatOutputThatKeepsValuesBetweenGreyLevels() throws IOException {
        Path in = images("precision", 1, 32);
        Path out = dir.resolve("precision-out");
        Result run = cli("denoise", "--model", "denoise-test", "--out", out.toString(), "--device", "cpu",
                in.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(32, IJ.openImage(out.resolve("img000.tif").toString()).getBitDepth());
        assertEquals(io.github.imagejgan.image.OutputType.FLOAT32,
                io.github.imagejgan.model.ModelTask.SUPER_RESOLUTION.defaultOutputType());
        assertEquals(io.github.imagejgan.image.OutputType.SAME_AS_INPUT,
                io.github.imagejgan.model.ModelTask.INPAINT.defaultOutputType());
    }

    @Test
    void wrongCommandLinesExitWithUsage() {
        Result unknown = cli("sharpen");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown command 'sharpen'"), unknown.err());
        Result badOption = cli("denoise", "--model", "denoise-test", "--out", dir.toString(), "--tyle", "64", "x");
        assertEquals(2, badOption.code());
        assertTrue(badOption.err().contains("Unknown option --tyle"), badOption.err());
        Result noModel = cli("denoise", "--model", "nope", "--out", dir.toString(), shipped.resolve(
                "denoise-test.zip").toString());
        assertEquals(1, noModel.code());
        assertTrue(noModel.err().contains("No model named 'nope'"), noModel.err());
    }

    @Test
    void modelsListImportDelete() throws IOException {
        Path copy = Files.copy(shipped.resolve("denoise-test.zip"), dir.resolve("mine.zip"));
        Result imported = cli("models", "import", copy.toString(), "--name", "mine");
        assertEquals(0, imported.code(), imported.err());
        Result list = cli("models", "list");
        assertTrue(list.out().contains("denoise-test") && list.out().contains("mine") && list.out().contains("user"),
                list.out());
        assertTrue(list.out().contains("sees (x/y, z)"), list.out());
        assertEquals(0, cli("models", "delete", "mine").code());
        assertTrue(!Files.exists(user.resolve("mine.zip")));
        assertEquals(1, cli("models", "delete", "denoise-test").code(), "shipped models stay");
    }

    @Test
    void evaluateWritesCsv() throws IOException {
        Path truth = images("truth", 2, 32);
        Path csv = dir.resolve("scores.csv");
        Result r = cli("evaluate", "--prediction", truth.toString(), "--truth", truth.toString(), "--raw", "--csv",
                csv.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).contains(",1.00000,"), "identical images: SSIM 1 — " + lines.get(1));
    }

    @Test
    void aKilledRunCompletesWhenRunAgain() throws Exception {
        Path in = images("many", 30, 128);
        Path out = dir.resolve("killed-out");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Dimagejgan.shipped.models="
                        + shipped, "-Dimagejgan.user.models=" + user, "-cp", classPath, Main.class.getName(),
                "denoise", "--model", "denoise-test", "--out", out.toString(), "--device", "cpu", "--tile", "32",
                in.toString()));
        Process first = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("first.log")
                .toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (count(out) < 3 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(first.isAlive(), "the first run must still be running when it is killed");
        first.destroyForcibly().waitFor();
        int written = count(out);
        assertTrue(written >= 3 && written < 30, written + " outputs before the kill");
        Process second = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(
                "second.log").toFile()).start();
        assertTrue(second.waitFor(5, TimeUnit.MINUTES));
        String log = Files.readString(dir.resolve("second.log"));
        assertEquals(0, second.exitValue(), log);
        assertEquals(30, count(out), log);
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().equals(OutputFolderLock.FILE_NAME)) {
                    continue;
                }
                assertTrue(!f.getFileName().toString().startsWith("."), "stale temporary file " + f);
                ImagePlus imp = IJ.openImage(f.toString());
                assertEquals(128, imp.getWidth(), "complete and loadable: " + f);
            }
        }
        assertTrue(log.contains("skipped"), log);
    }

    private static int count(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".tif")
                    && !p.getFileName().toString().startsWith(".")).count();
        }
    }

}
