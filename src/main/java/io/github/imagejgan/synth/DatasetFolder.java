package io.github.imagejgan.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * What the data set writers share: a folder written whole or not at all, pair names, the description file, and the
 * command-line size and progress.
 */
final class DatasetFolder {

    /** Fills a folder that does not exist yet. */
    interface Filler<T> {
        T fill(Path folder) throws IOException;
    }

    /** Prints every tenth of the progress, for command lines. */
    static final TaskMonitor CONSOLE = new TaskMonitor() {
        @Override
        public void progress(long done, long total, String message) {
            if (done == total || done % Math.max(1, total / 10) == 0) {
                System.out.println("[imagej-gan] " + message);
            }
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private DatasetFolder() {
    }

    /**
     * Fills a hidden temporary folder beside {@code dir} and renames it into place at the end: a reader sees either
     * no data set or a complete one, and a failed or cancelled run leaves nothing behind.
     *
     * @throws IOException if {@code dir} exists and is not an empty folder, or writing fails
     */
    static <T> T write(Path dir, Filler<T> filler) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        checkTarget(target);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path partial = parent.resolve("." + target.getFileName() + "-" + UUID.randomUUID() + ".partial");
        try {
            T result = filler.fill(partial);
            checkTarget(target);
            Files.deleteIfExists(target);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            return result;
        } finally {
            deleteTree(partial);
        }
    }

    /** File names {@code 000.tif}, {@code 001.tif}, ..., as wide as the largest of {@code n} needs. */
    static String name(int i, int n) {
        int digits = Math.max(3, String.valueOf(n - 1).length());
        return String.format(Locale.ROOT, "%0" + digits + "d.tif", i);
    }

    /** Writes the description as pretty-printed JSON. */
    static void describe(Path file, Map<String, Object> description) throws IOException {
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(description) + "\n";
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, json, StandardCharsets.UTF_8));
    }

    /** A size given as {@code N} or {@code WxH} pixels, sides of at least 16. */
    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            int w = Integer.parseInt(parts[0]);
            int h = parts.length > 1 ? Integer.parseInt(parts[1]) : w;
            if (parts.length > 2 || w < 16 || h < 16) {
                throw new UserException("Size must be N or WxH with sides of at least 16, got " + text);
            }
            return new int[] { w, h };
        } catch (NumberFormatException e) {
            throw new UserException("Size must be N or WxH, got " + text, e);
        }
    }

    private static void checkTarget(Path target) throws IOException {
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new IOException(target + " exists and is not a folder; choose another output folder");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(target + " is not empty; choose a new folder so no data is overwritten");
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
