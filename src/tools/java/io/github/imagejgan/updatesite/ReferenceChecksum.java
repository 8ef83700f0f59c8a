package io.github.imagejgan.updatesite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A second implementation of the updater's checksum, written apart from {@link UpdaterChecksum} and shaped
 * differently on purpose, so that the tests compare two readings of the updater's rules rather than one code path
 * with itself: it reads jars front to back with {@link ZipInputStream} instead of through the central directory, and
 * treats {@code .properties} comments line by line instead of byte by byte.
 */
final class ReferenceChecksum {

    private ReferenceChecksum() {
    }

    static String of(String path, Path file) throws IOException {
        MessageDigest sha1 = sha1();
        if (path.endsWith(".jar")) {
            for (Map.Entry<String, byte[]> entry : entries(file).entrySet()) {
                sha1.update(ascii(entry.getKey()));
                if (!entry.getKey().equals("META-INF/MANIFEST.MF")) {
                    byte[] content = entry.getValue();
                    sha1.update(entry.getKey().endsWith(".properties") ? withoutComments(content) : content);
                }
            }
        } else {
            sha1.update(ascii(path));
            sha1.update(Files.readAllBytes(file));
        }
        return hex(sha1.digest());
    }

    /** Entries by name; a TreeMap orders them as String.compareTo does, which is the updater's order. */
    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (InputStream file = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /**
     * The updater's comment rule for .properties, stated per line. "Fresh" means the updater would treat the next
     * byte as the start of a line: true at the beginning and after a line break, except that an empty line or a line
     * of nothing but '#'s, met while fresh, leaves it false.
     */
    static byte[] withoutComments(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1); // one char per byte, nothing lost
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean fresh = true;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            boolean terminated = end >= 0;
            String line = terminated ? text.substring(start, end + 1) : text.substring(start);
            start = terminated ? end + 1 : text.length();
            if (fresh && line.startsWith("#")) {
                if (!terminated) {
                    break; // a trailing comment without line break vanishes
                }
                out.write('\n');
                fresh = !line.matches("#+\n");
            } else if (fresh && line.equals("\n")) {
                out.write('\n');
                fresh = false;
            } else {
                out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
                fresh = terminated;
            }
        }
        return out.toByteArray();
    }

    /** As the updater's getBytes("ASCII"): one '?' for each character outside ASCII. */
    private static byte[] ascii(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.codePoints().forEach(c -> out.write(c < 128 ? c : '?'));
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
