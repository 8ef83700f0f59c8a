package io.github.imagejgan.image;

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

/**
 * A 16000 x 16000 16-bit image (512 MB) goes through a network into a 16-bit output (512 MB) in a JVM limited to
 * 1400 MB of heap: there is room for input, output and tile buffers, but not for any full-size float copy.
 */
class LargeImageMemoryTest {

    @Test
    void hugeImageRunsInBoundedMemory() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx1400m", "-Dai.djl.offline=true",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                LargeImageRun.class.getName(), "16000")).redirectErrorStream(true).start();
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
        assertTrue(Integer.parseInt(error.group(1)) <= 1, "sampled pixels differ from a direct 3x3 mean:\n" + log);
    }
}
