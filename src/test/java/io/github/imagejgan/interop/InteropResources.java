package io.github.imagejgan.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The models that scripts/make-interop-test-models.py wrote with PyTorch, with the inputs and outputs it computed.
 */
public final class InteropResources {

    private InteropResources() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = InteropResources.class.getResourceAsStream("/io/github/imagejgan/interop/"
                + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name
                        + "; run scripts/make-interop-test-models.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NpyArray npy(String name) {
        return NpyArray.read(bytes(name), name);
    }

    /** Copies a resource into {@code dir}. */
    public static Path copy(String name, Path dir) throws IOException {
        return Files.write(dir.resolve(name), bytes(name));
    }

    public static double maxDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("Lengths differ: " + a.length + " and " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
