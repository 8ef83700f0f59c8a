package io.github.imagejgan.updatesite;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The checksum the ImageJ updater records for a file in db.xml.gz and recomputes on each user's machine. A file whose
 * recomputed checksum differs shows as "locally modified" and is never updated, so this must match the updater bit
 * for bit (UpdaterUtil.getDigest / getJarDigest). It is SHA-1 as 40 lowercase hex digits, but not of the file:
 * <ul>
 * <li>a {@code .jar} (decided by the path's ending, as the updater does): over its entries sorted by name (Java
 * string order), each entry's name as ASCII, then its content, where {@code .properties} entries lose their comment
 * lines ({@link PropertiesCommentFilter}) and {@code META-INF/MANIFEST.MF} contributes nothing but its name (the
 * updater's manifest filter keeps only lines that, upper-cased, start with the mixed-case "Main-Class:", which none
 * do);</li>
 * <li>any other file: over the path inside Fiji.app as ASCII ({@code scripts/Denoise.ijm}), then the bytes, so the
 * same bytes under two names have two checksums.</li>
 * </ul>
 * The effect is that a rebuilt jar with new dates in its manifest or pom.properties keeps its checksum.
 */
final class UpdaterChecksum {

    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private UpdaterChecksum() {
    }

    static String of(String sitePath, Path file) throws IOException {
        return sitePath.endsWith(".jar") ? ofJar(file) : ofPlainFile(sitePath, file);
    }

    static String ofPlainFile(String sitePath, Path file) throws IOException {
        MessageDigest sha1 = sha1();
        // Unmappable characters become '?' in both Java's US_ASCII encoder and the updater's getBytes("ASCII").
        sha1.update(sitePath.getBytes(US_ASCII));
        try (InputStream in = Files.newInputStream(file); OutputStream sink = digesting(sha1)) {
            in.transferTo(sink);
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    static String ofJar(Path jar) throws IOException {
        MessageDigest sha1 = sha1();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            // The central directory, as java.util.jar.JarFile lists it in the updater.
            List<ZipEntry> entries = new ArrayList<>(Collections.list(zip.entries()));
            entries.sort(Comparator.comparing(ZipEntry::getName));
            for (ZipEntry entry : entries) {
                sha1.update(entry.getName().getBytes(US_ASCII));
                if (entry.getName().equals(MANIFEST)) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    if (entry.getName().endsWith(".properties")) {
                        sha1.update(PropertiesCommentFilter.apply(in.readAllBytes()));
                    } else {
                        in.transferTo(digesting(sha1));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    private static OutputStream digesting(MessageDigest digest) {
        return new DigestOutputStream(OutputStream.nullOutputStream(), digest);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-1", e);
        }
    }
}
