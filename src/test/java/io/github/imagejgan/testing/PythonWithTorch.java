package io.github.imagejgan.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python that tests run their scripts with: the first with PyTorch and NumPy among those the exporter tries, in
 * its order (the system property {@code imagejgan.python}, the environment variable {@code IMAGEJ_GAN_PYTHON},
 * {@code python3} on the path, {@code /usr/bin/python3}).
 */
public final class PythonWithTorch {

    private PythonWithTorch() {
    }

    /**
     * The interpreter's command.
     *
     * @throws IllegalStateException if none of them imports torch and numpy
     */
    public static String interpreter() throws IOException, InterruptedException {
        List<String> candidates = new ArrayList<>();
        for (String stated : new String[] { System.getProperty("imagejgan.python"),
                System.getenv("IMAGEJ_GAN_PYTHON") }) {
            if (stated != null && !stated.isBlank()) {
                candidates.add(stated);
            }
        }
        candidates.addAll(List.of("python3", "/usr/bin/python3"));
        for (String candidate : candidates) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import numpy, torch").redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // Not installed there: the next candidate.
            }
        }
        throw new IllegalStateException("No Python with PyTorch and NumPy among " + candidates);
    }
}
