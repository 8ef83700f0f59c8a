package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.TestModels;

/**
 * A 1024 x 1024 x 100 16-bit z-stack (200 MB) goes through a 2.5D model that sees 5 slices for each one into a
 * 16-bit stack (200 MB) in a JVM limited to 700 MB of heap: room for input, output and tile buffers, none for a
 * float copy of the volume (400 MB) or of every slice's neighbours.
 */
class LargeStackMemoryTest {

    @TempDir
    Path dir;

    @Test
    void aLargeZStackRunsThroughA25dModelInBoundedMemory() throws IOException, InterruptedException {
        Path model = TestModels.passThroughSlices(dir.resolve("slices.zip"), "slices", 2, 512);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx700m", "-Dai.djl.offline=true",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                LargeStackRun.class.getName(), model.toString(), "1024", "100")).redirectErrorStream(true).start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        System.out.println(log);
        assertTrue(finished, "the run did not finish:\n" + log);
        assertEquals(0, process.exitValue(), "the run failed:\n" + log);
        Matcher error = Pattern.compile("max-error (\\d+)").matcher(log);
        assertTrue(error.find(), log);
        assertEquals(0, Integer.parseInt(error.group(1)), "the pass-through model changed sampled pixels:\n" + log);
    }
}
