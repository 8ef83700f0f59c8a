package io.github.imagejgan.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test class path in its own JVM with a heap limit, as the bounded-memory tests need. */
public final class BoundedJvm {

    private BoundedJvm() {
    }

    /** The output of {@code main} run with {@code -Xmx<heap>}, after checking that it finished and succeeded. */
    public static String run(String heap, Class<?> main, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-Dai.djl.offline=true",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        System.out.println(log);
        assertTrue(finished, "the run did not finish:\n" + log);
        assertEquals(0, process.exitValue(), "the run failed:\n" + log);
        return log;
    }
}
