package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a site folder all at once: everything goes into a hidden folder beside the target, which replaces the target
 * only when complete. A failed or interrupted generation therefore leaves the previous output as it was and never a
 * half site that could be uploaded by mistake; the staging folder plays the part of a temporary file for the whole
 * site, so the files in it need no renaming of their own.
 */
final class SiteDirectory {

    @FunctionalInterface
    interface Filler {
        void fill(Path staging) throws IOException;
    }

    private SiteDirectory() {
    }

    static void replace(Path target, Filler filler) throws IOException {
        Path out = target.toAbsolutePath().normalize();
        Path parent = out.getParent();
        Files.createDirectories(parent);
        // Created with the user's default permissions (not a private temp folder): the folder is meant for a web
        // server, and upload tools copy permissions along.
        Path staging = Files.createDirectory(parent.resolve("." + out.getFileName() + "-" + UUID.randomUUID()));
        try {
            filler.fill(staging);
            swapInto(staging, out);
        } finally {
            deleteRecursively(staging);
        }
    }

    /** Copies a file into the staging folder, creating the folders of its path. */
    static void copy(Path source, Path destination) throws IOException {
        Files.createDirectories(destination.getParent());
        Files.copy(source, destination);
    }

    private static void swapInto(Path staging, Path out) throws IOException {
        if (!Files.exists(out)) {
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        // A folder cannot atomically replace a non-empty folder: move the old one aside first, and back on failure.
        Path old = out.resolveSibling("." + out.getFileName() + "-old-" + UUID.randomUUID());
        Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, out, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteRecursively(old);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
