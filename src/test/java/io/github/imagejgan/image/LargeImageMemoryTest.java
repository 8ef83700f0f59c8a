package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.testing.BoundedJvm;

/**
 * A 16000 x 16000 16-bit image (512 MB) goes through a network into a 16-bit output (512 MB) in a JVM limited to
 * 1400 MB of heap: there is room for input, output and tile buffers, but not for any full-size float copy.
 */
class LargeImageMemoryTest {

    @Test
    void hugeImageRunsInBoundedMemory() throws IOException, InterruptedException {
        String log = BoundedJvm.run("1400m", LargeImageRun.class, "16000");
        Matcher error = Pattern.compile("max-error (\\d+)").matcher(log);
        assertTrue(error.find(), log);
        assertTrue(Integer.parseInt(error.group(1)) <= 1, "sampled pixels differ from a direct 3x3 mean:\n" + log);
    }
}
