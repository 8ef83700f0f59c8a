package io.github.imagejgan.image;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a file completely or not at all: content goes to a hidden temporary file beside the target, which is then
 * renamed over it. Readers never see a partial file and an interrupted run leaves none behind.
 */
public final class AtomicFiles {

    /** Writes the content of a file at the path it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} through {@code content}. The temporary file keeps the target's extension last (ImageJ's
     * savers choose the format from it) and is created by the writer, so it gets the user's usual permissions.
     */
    public static void write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : ".tmp";
        Path tmp = file.resolveSibling("." + base + "-" + UUID.randomUUID() + extension);
        try {
            content.writeTo(tmp);
            if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                throw new IOException("Nothing was written for " + target);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
