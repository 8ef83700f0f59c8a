package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.TestModels;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;

/** Runs writing into one output folder never remove each other's files in progress. */
class OutputFolderLockTest {

    @TempDir
    Path dir;

    /** Holds an output folder as a run in another process does, until its standard input ends. */
    static final class OtherRun {
        public static void main(String[] args) throws IOException {
            OutputFolderLock lock = OutputFolderLock.join(Path.of(args[0]), () -> {
            });
            System.out.println("writing");
            System.out.flush();
            while (System.in.read() >= 0) {
                // waits for the test to end this run
            }
            lock.close();
        }
    }

    @Test
    void runsInOneProcessShareTheFolderAndOnlyARunAloneCleansUp() throws IOException {
        AtomicInteger cleanUps = new AtomicInteger();
        OutputFolderLock first = OutputFolderLock.join(dir, cleanUps::incrementAndGet);
        assertEquals(1, cleanUps.get(), "the first run is alone");
        OutputFolderLock second = OutputFolderLock.join(dir.resolve("."), cleanUps::incrementAndGet);
        second.close();
        OutputFolderLock third = OutputFolderLock.join(dir, cleanUps::incrementAndGet);
        assertEquals(1, cleanUps.get(), "neither the second nor the third run is alone");
        third.close();
        first.close();
        OutputFolderLock later = OutputFolderLock.join(dir, cleanUps::incrementAndGet);
        later.close();
        assertEquals(2, cleanUps.get(), "alone again");
    }

    @Test
    void aRunLeavesTheTemporariesOfAnotherRunAloneAndRemovesThoseOfEndedRuns() throws Exception {
        Path shipped = TestModels.useModelFolders(dir).shipped();
        try {
            TestModels.passThrough(shipped.resolve("denoise-test.zip"), "denoise-test", new ResidualDenoiserSpec(1, 4,
                    2), ModelTask.DENOISE, 64, false);
            Path input = PredictSubcommandTest.image(dir.resolve("in/x.tif"), 16);
            Path out = Files.createDirectories(dir.resolve("out"));
            Path inProgress = Files.writeString(out.resolve(".y-" + UUID.randomUUID() + ".tif"), "half an image");
            Process other = startOtherRun(out);
            try {
                CliTest.Result meanwhile = CliTest.cli("denoise", "--model", "denoise-test", "--device", "cpu", "--out",
                        out.toString(), input.toString());
                assertEquals(0, meanwhile.code(), meanwhile.err());
                assertTrue(Files.exists(inProgress), "the other run's file in progress survives");
            } finally {
                other.getOutputStream().close();
                assertTrue(other.waitFor(1, TimeUnit.MINUTES));
            }
            CliTest.Result alone = CliTest.cli("denoise", "--model", "denoise-test", "--device", "cpu", "--out",
                    out.toString(), "--overwrite", input.toString());
            assertEquals(0, alone.code(), alone.err());
            assertFalse(Files.exists(inProgress), "left behind by a run that ended: removed");
            assertTrue(Files.exists(out.resolve("x.tif")));
        } finally {
            TestModels.forgetModelFolders();
        }
    }

    private static Process startOtherRun(Path folder) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, OtherRun.class.getName(), folder.toString())).redirectErrorStream(true)
                .start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = lines.readLine();
        assertEquals("writing", line, "the other run holds the folder");
        return process;
    }
}
