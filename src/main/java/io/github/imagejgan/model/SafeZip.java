package io.github.imagejgan.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip archive read entry by entry into memory, never onto disk. Opening checks every entry name, so an archive
 * with a name that could escape a folder ({@code ../}, absolute paths, drive letters) or with a name twice is
 * rejected before anything is read; each read stops one byte past its limit, so a lying or compressed-bomb entry
 * cannot exhaust memory.
 */
public final class SafeZip implements AutoCloseable {

    /** More entries than any model archive needs; bounds the work an adversarial archive can cause. */
    private static final int MAX_ENTRIES = 10_000;

    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;

    private SafeZip(Path file, ZipFile zip, Map<String, ZipEntry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    /**
     * Opens an archive and checks its entry names.
     *
     * @param what what the archive should be, for messages (e.g. "a model package")
     * @throws IOException          if the file does not exist or cannot be read
     * @throws ModelFormatException if it is not a readable zip archive or has unsafe or duplicate entry names
     */
    public static SafeZip open(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("No such file: " + file);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelFormatException(file.getFileName() + " is not " + what + " (not a readable zip file: "
                    + e.getMessage() + ").", e);
        }
        try {
            Map<String, ZipEntry> entries = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                checkName(entry.getName());
                if (entry.isDirectory()) {
                    continue;
                }
                if (entries.size() >= MAX_ENTRIES) {
                    throw new ModelFormatException(file.getFileName() + " has more than " + MAX_ENTRIES
                            + " entries; it is not " + what + ".");
                }
                if (entries.put(entry.getName(), entry) != null) {
                    throw new ModelFormatException(file.getFileName() + ": entry " + entry.getName()
                            + " appears twice.");
                }
            }
            return new SafeZip(file, zip, entries);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** Names of the file entries, in archive order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * Reads an entry completely.
     *
     * @param limit the most bytes the entry may hold
     * @throws ModelFormatException if there is no such entry, it is larger than {@code limit}, or it is corrupt
     */
    public byte[] read(String name, long limit) throws IOException {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            throw new ModelFormatException(file.getFileName() + " has no entry " + name + ".");
        }
        // The declared size refuses an honest large entry before anything is inflated; the read limit, a lying one.
        if (entry.getSize() > limit) {
            throw tooLarge(name, limit);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > limit) {
                throw tooLarge(name, limit);
            }
            return bytes;
        } catch (ZipException | java.io.EOFException e) {
            throw new ModelFormatException(file.getFileName() + ": entry " + name + " is corrupt (" + e.getMessage()
                    + ").", e);
        }
    }

    private ModelFormatException tooLarge(String name, long limit) {
        return new ModelFormatException(file.getFileName() + ": entry " + name + " is larger than " + limit
                + " bytes, the most it may hold; the archive is damaged or was not made for this use.");
    }

    /** The archive's file name, for messages. */
    public String fileName() {
        return file.getFileName().toString();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /**
     * Rejects names that would leave the folder they were extracted to, even though nothing here extracts: other
     * tools might, and such a name has no honest use in a model archive.
     */
    static void checkName(String name) {
        String n = name.replace('\\', '/');
        if (n.isEmpty() || n.startsWith("/") || n.contains("../") || n.equals("..") || n.startsWith("..")
                || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) {
            throw new ModelFormatException("Unsafe entry name in archive: '" + name + "'.");
        }
    }
}
