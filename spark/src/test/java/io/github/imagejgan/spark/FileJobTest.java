package io.github.imagejgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.TaskContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.spark.TestSupport.Result;

import io.github.imagejgan.cli.OperationOptions;
import io.github.imagejgan.cli.UsageException;
import io.github.imagejgan.cli.CommandLine;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.predict.Operation;

/** Many files on Spark: the command line's outputs, each once and whole, whatever fails. */
class FileJobTest extends SparkTestBase {

    @TempDir
    static Path dir;
    static Path model;
    static Path inputs;

    @BeforeAll
    static void folder() throws IOException {
        model = TestSupport.untrainedModel(dir.resolve("denoise-untrained.zip"), new ResidualDenoiserSpec(1, 4, 2),
                ModelTask.DENOISE, 3);
        inputs = dir.resolve("in");
        for (int i = 0; i < 6; i++) {
            TestSupport.save(TestSupport.image(40 + 3 * i, 36, 1, i == 2 ? 2 : 1, 1, i),
                    inputs.resolve("field-" + i + ".tif"));
        }
    }

    /** The images in a folder (not the command line's lock file, nor anything hidden). */
    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (var s = Files.list(folder)) {
            for (Path p : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name + " differs");
        }
    }

    @Test
    void aFolderJobWritesWhatTheCommandLineWritesBitForBit() throws IOException {
        Path cliOut = dir.resolve("cli");
        Path sparkOut = dir.resolve("spark");
        Result reference = TestSupport.cli("denoise", "--model", model.toString(), "--device", "cpu", "--out",
                cliOut.toString(), inputs.toString());
        assertEquals(0, reference.code(), reference.err());
        int loads = ModelShipment.loads();
        Result r = sparkCli("denoise", "--model", model.toString(), "--device", "cpu", "--out",
                sparkOut.toString(), inputs + "/*.tif");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("6 written, 0 skipped, 0 failed"), r.out());
        assertTrue(ModelShipment.loads() - loads <= 1, "this executor JVM loads the network once for six tasks");
        assertSameFiles(files(cliOut), files(sparkOut));
    }

    @Test
    void stacksAreMadeIsotropicAsTheCommandLineMakesThem() throws IOException {
        // An untrained isotropic model for slices 3 pixel widths apart: every view's values change, so the views and
        // their fusion show in the result.
        Path iso = TestSupport.untrainedModel(dir.resolve("isotropic-untrained.zip"), new UNetSpec(1, 1, 2, 4, true,
                false, false), ModelTask.ISOTROPIC, 4, new ModelDescriptor.Provenance("test", Map.of("type", "axial",
                        "factor", 3), 0, 4, 0, "", ""));
        Path stacks = dir.resolve("stacks");
        for (int i = 0; i < 2; i++) {
            TestSupport.save(TestSupport.image(40, 36, 1, 4, 1, 10 + i), stacks.resolve("stack-" + i + ".tif"));
        }
        Path cliOut = dir.resolve("iso-cli");
        Path sparkOut = dir.resolve("iso-spark");
        Result reference = TestSupport.cli("isotropic", "--model", iso.toString(), "--device", "cpu", "--out",
                cliOut.toString(), stacks.toString());
        assertEquals(0, reference.code(), reference.err());
        Result r = sparkCli("isotropic", "--model", iso.toString(), "--device", "cpu", "--out", sparkOut.toString(),
                stacks.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(12, TestSupport.open(sparkOut.resolve("stack-0.tif")).getNSlices(), "3 slices for each");
        assertSameFiles(files(cliOut), files(sparkOut));
    }

    @Test
    void filesAreCutIntoFourTasksPerCoreUnlessAGroupSizeIsGiven() {
        FileJob auto = new FileJob(null, "out", null, false, FileJob.filesPerTask("auto"), FileTask.AfterFile.NONE);
        assertEquals(8, auto.tasks(100, 2));
        assertEquals(3, auto.tasks(3, 2), "never more tasks than files");
        assertEquals(1, auto.tasks(1, 0));
        FileJob tens = new FileJob(null, "out", null, false, FileJob.filesPerTask("10"), FileTask.AfterFile.NONE);
        assertEquals(10, tens.tasks(100, 2));
        assertEquals(11, tens.tasks(101, 64));
        UsageException refused = assertThrows(UsageException.class, () -> FileJob.filesPerTask("0"));
        assertTrue(refused.getMessage().contains("auto"), refused.getMessage());
    }

    @Test
    void aFailingFileIsListedTheOthersAreWrittenAndARerunSkipsThem() throws IOException {
        Path in = dir.resolve("mixed");
        Files.createDirectories(in);
        for (String name : List.of("field-0.tif", "field-1.tif", "field-3.tif")) {
            Files.copy(inputs.resolve(name), in.resolve(name));
        }
        Files.writeString(in.resolve("broken.tif"), "not an image");
        Path out = dir.resolve("mixed-out");
        String[] command = { "denoise", "--model", model.toString(), "--device", "cpu", "--out", out.toString(),
            in.toString() };
        Result first = sparkCli(command);
        assertEquals(1, first.code(), first.out());
        assertTrue(first.out().contains("3 written, 0 skipped, 1 failed"), first.out());
        assertTrue(first.out().contains("failed: " + in.resolve("broken.tif")), first.out());
        assertEquals(List.of("field-0.tif", "field-1.tif", "field-3.tif"), List.copyOf(files(out).keySet()));
        FileTime written = Files.getLastModifiedTime(out.resolve("field-1.tif"));
        Result again = sparkCli(command);
        assertEquals(1, again.code(), again.out());
        assertTrue(again.out().contains("0 written, 3 skipped, 1 failed"), again.out());
        assertEquals(written, Files.getLastModifiedTime(out.resolve("field-1.tif")));
    }

    @Test
    void tasksFailingOnTheirFirstAttemptLeaveEveryOutputOnceAndWhole() throws IOException {
        Path reference = dir.resolve("reference");
        assertEquals(0, TestSupport.cli("denoise", "--model", model.toString(), "--device", "cpu", "--out",
                reference.toString(), inputs.toString()).code());
        Path out = dir.resolve("retried");
        Operation operation = OperationOptions.operation(ModelTask.DENOISE, new CommandLine(List.of("--device",
                "cpu"), java.util.Set.of()), model.toString());
        // Each task's first attempt dies after its first file, as an executor lost mid-task would.
        FileTask.AfterFile killFirstAttempt = work -> {
            if (TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected failure after " + work.input());
            }
        };
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = new FileJob(operation, out.toString(), null, false, 2, killFirstAttempt).run(spark,
                List.of(inputs.toString()), new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("6 written, 0 skipped, 0 failed"), text);
        assertSameFiles(files(reference), files(out));
        assertEquals(6, TestSupport.everything(out).count(), "no temporary or partial file is left");
    }

    @Test
    void aJobOnAFileSystemReachedThroughHadoopWritesTheSameFilesAndNoTemporaries() throws IOException {
        Path reference = dir.resolve("reference-shared");
        assertEquals(0, TestSupport.cli("denoise", "--model", model.toString(), "--device", "cpu", "--out",
                reference.toString(), inputs.toString()).code());
        Path out = dir.resolve("through-hadoop");
        Result r = sparkCli("denoise", "--model", "shared://" + model, "--device", "cpu", "--out",
                "shared://" + out, "shared://" + inputs + "/field-*.tif");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("6 written, 0 skipped, 0 failed"), r.out());
        assertSameFiles(files(reference), files(out));
        assertEquals(6, TestSupport.everything(out).count(), "no temporary file is left");
        Result again = sparkCli("denoise", "--model", "shared://" + model, "--device", "cpu", "--out",
                "shared://" + out, "shared://" + inputs);
        assertTrue(again.out().contains("0 written, 6 skipped, 0 failed"), again.out());
    }
}
