package io.github.imagejgan.updatesite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.imagejgan.testing.ZipFiles;

/**
 * The checksum rules on hand-made jars and files, with expectations computed by hand from the updater's rules, and the
 * generator's implementation against the independent one in {@link ReferenceChecksum}.
 */
class UpdaterChecksumTest {

    @TempDir
    Path dir;

    @Test
    void jarChecksumIsOverSortedNamesAndContentsWithoutManifestOrPropertiesComments() throws Exception {
        Path jar = ZipFiles.write(dir.resolve("x.jar"), Jars.entries(
                "b.txt", "bee",
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: x.Main\n",
                "a.properties", "#built today\nkey=value\n"));
        // Entries in name order: "META-INF/MANIFEST.MF" < "a.properties" < "b.txt" (upper case sorts first).
        String expected = sha1("META-INF/MANIFEST.MF" + "a.properties" + "\nkey=value\n" + "b.txt" + "bee");
        assertEquals(expected, UpdaterChecksum.of("jars/x-1.0.jar", jar));
        assertEquals(expected, ReferenceChecksum.of("jars/x-1.0.jar", jar));
    }

    @Test
    void plainFileChecksumCoversItsPathSoItIsNotAPlainSha1() throws Exception {
        Path script = Files.writeString(dir.resolve("Denoise_Folder.py"), "print('hi')\n", UTF_8);
        String checksum = UpdaterChecksum.of("scripts/Denoise_Folder.py", script);
        assertEquals(sha1("scripts/Denoise_Folder.py" + "print('hi')\n"), checksum);
        assertNotEquals(sha1("print('hi')\n"), checksum);
        assertNotEquals(checksum, UpdaterChecksum.of("scripts/GAN/Denoise_Folder.py", script));
        assertEquals(checksum, ReferenceChecksum.of("scripts/Denoise_Folder.py", script));
        assertTrue(checksum.matches("[0-9a-f]{40}"));
    }

    @Test
    void jarsDifferingOnlyInManifestHaveTheSameChecksum() throws Exception {
        Path a = ZipFiles.write(dir.resolve("a.jar"), Jars.entries("META-INF/MANIFEST.MF",
                "Manifest-Version: 1.0\nBuild-Jdk-Spec: 17\nImplementation-Build: 1\n", "x/Y.class", "code"));
        Path b = ZipFiles.write(dir.resolve("b.jar"), Jars.entries("META-INF/MANIFEST.MF",
                "Manifest-Version: 1.0\nCreated-By: someone else\nMain-Class: x.Y\n", "x/Y.class", "code"));
        assertSameChecksum(a, b);
    }

    @Test
    void jarsDifferingOnlyInThePomPropertiesDateCommentHaveTheSameChecksum() throws Exception {
        Path a = Jars.mavenJar(dir.resolve("a.jar"), "lib", "1.0", "Mon Dec 01 12:00:00 UTC 2026",
                Jars.entries("x/Y.class", "code"));
        Path b = Jars.mavenJar(dir.resolve("b.jar"), "lib", "1.0", "Tue Dec 09 08:00:00 UTC 2026",
                Jars.entries("x/Y.class", "code"));
        assertNotEquals(Files.mismatch(a, b), -1L, "the two jars differ as files");
        assertSameChecksum(a, b);
    }

    @Test
    void aContentChangeChangesTheChecksum() throws Exception {
        Path base = Jars.mavenJar(dir.resolve("base.jar"), "lib", "1.0", "d", Jars.entries("x/Y.class", "code"));
        Path code = Jars.mavenJar(dir.resolve("code.jar"), "lib", "1.0", "d", Jars.entries("x/Y.class", "c0de"));
        Path version = Jars.mavenJar(dir.resolve("version.jar"), "lib", "1.1", "d", Jars.entries("x/Y.class", "code"));
        Path renamed = Jars.mavenJar(dir.resolve("renamed.jar"), "lib", "1.0", "d", Jars.entries("x/Z.class", "code"));
        for (Path changed : new Path[] { code, version, renamed }) {
            assertNotEquals(UpdaterChecksum.ofJar(base), UpdaterChecksum.ofJar(changed), changed.toString());
            assertNotEquals(ReferenceChecksum.of("jars/lib.jar", base), ReferenceChecksum.of("jars/lib.jar", changed));
        }
    }

    @Test
    void theOrderOfEntriesInsideTheJarDoesNotMatter() throws Exception {
        Map<String, byte[]> forward = Jars.entries("a/A.class", "1", "b/B.class", "2", "c.properties", "k=v\n");
        Map<String, byte[]> backward = new LinkedHashMap<>();
        forward.keySet().stream().sorted((x, y) -> y.compareTo(x)).forEach(k -> backward.put(k, forward.get(k)));
        assertSameChecksum(ZipFiles.write(dir.resolve("f.jar"), forward), ZipFiles.write(dir.resolve("b.jar"), backward));
    }

    /** Cases worked out by hand from the updater's SkipHashedLines stream, quirks included. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'#date\\nk=v\\n'           | '\\nk=v\\n'",
        "'k=v\\n#c\\n'              | 'k=v\\n\\n'",
        "'k=v\\n#no line break'     | 'k=v\\n'",
        "'##x\\nk=v'                | '\\nk=v'",
        "'a#b\\n'                   | 'a#b\\n'",
        "'\\n#kept after empty\\n'  | '\\n#kept after empty\\n'",
        "'\\n\\n#c\\n'              | '\\n\\n\\n'",
        "'#\\n#kept after hash\\n'  | '\\n#kept after hash\\n'",
        "'#c\\r\\nk=v\\r\\n'        | '\\nk=v\\r\\n'",
        "'#'                        | ''",
    })
    void propertiesCommentsFollowTheUpdater(String input, String expected) {
        byte[] in = unescape(input).getBytes(UTF_8);
        byte[] out = unescape(expected).getBytes(UTF_8);
        assertArrayEquals(out, PropertiesCommentFilter.apply(in), input);
        assertArrayEquals(out, ReferenceChecksum.withoutComments(in), input);
    }

    @Test
    void bothImplementationsAgreeOnRandomPropertiesFiles() {
        Random random = new Random(42);
        byte[] alphabet = { '#', '#', '\n', '\n', '\r', 'a', '=', ' ' };
        for (int trial = 0; trial < 2000; trial++) {
            byte[] text = new byte[random.nextInt(40)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            assertArrayEquals(ReferenceChecksum.withoutComments(text), PropertiesCommentFilter.apply(text),
                    () -> new String(text, UTF_8).replace("\n", "\\n"));
        }
    }

    private static void assertSameChecksum(Path a, Path b) throws IOException {
        assertEquals(UpdaterChecksum.ofJar(a), UpdaterChecksum.ofJar(b));
        assertEquals(ReferenceChecksum.of("jars/x.jar", a), ReferenceChecksum.of("jars/x.jar", b));
        assertEquals(UpdaterChecksum.ofJar(a), ReferenceChecksum.of("jars/x.jar", a));
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\r", "\r");
    }

    private static String sha1(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(UTF_8)));
    }
}
