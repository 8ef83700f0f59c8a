package io.github.imagejgan.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes zip archives (model packages, bioimage.io resources, jars) entry by entry, as tests need them. */
public final class ZipFiles {

    private ZipFiles() {
    }

    /** Writes the entries in their map's order, names as given (hostile ones included), creating the folder. */
    public static Path write(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** The text of one entry of an archive. */
    public static String text(Path file, String entry) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            java.util.zip.ZipEntry found = zip.getEntry(entry);
            if (found == null) {
                throw new IOException(file + " has no entry " + entry);
            }
            return new String(zip.getInputStream(found).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
