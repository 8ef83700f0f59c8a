package io.github.imagejgan.updatesite;

import static io.github.imagejgan.updatesite.SiteFixture.RELEASE_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier must catch what would break the updater; otherwise the site tests prove nothing. */
class SiteVerifierTest {

    @TempDir
    Path dir;

    SiteFixture build;
    Path site;

    @BeforeEach
    void generate() throws IOException {
        build = new SiteFixture(dir.resolve("build"));
        site = dir.resolve("site");
        build.generate(site, RELEASE_1, null);
        assertEquals(List.of(), problems());
    }

    @Test
    void aChangedByteIsAChecksumMismatch() throws IOException {
        Path script = site.resolve("scripts/Plugins/GAN/Denoise_Stack.ijm-" + RELEASE_1);
        byte[] bytes = Files.readAllBytes(script);
        bytes[0] ^= 1;
        Files.write(script, bytes);
        assertOneProblem("scripts/Plugins/GAN/Denoise_Stack.ijm-20261201120000: checksum");
    }

    @Test
    void aTruncatedFileHasTheWrongSize() throws IOException {
        Path jar = site.resolve("jars/pytorch-jni-2.7.1-0.36.0.jar-" + RELEASE_1);
        Files.write(jar, Files.readAllBytes(jar), StandardOpenOption.APPEND);
        assertTrue(problems().stream().anyMatch(p -> p.contains("bytes, the index says")), problems().toString());
    }

    @Test
    void aMissingOrStrayFileIsReported() throws IOException {
        Files.move(site.resolve("jars/api-0.36.0.jar-" + RELEASE_1), site.resolve("jars/api-0.36.0.jar"));
        List<String> problems = problems();
        assertTrue(problems.contains("jars/api-0.36.0.jar-20261201120000 is missing"), problems.toString());
        assertTrue(problems.contains("jars/api-0.36.0.jar is on the site but no record names it"), problems.toString());
    }

    @Test
    void aDependencyNobodyProvidesIsReported() throws IOException {
        rewrite(records -> replaceApiDependencies(records, List.of("jars/gson.jar", "jars/protobuf-java.jar")));
        assertOneProblem("jars/api-0.36.0.jar needs jars/protobuf-java.jar, which neither the site nor Fiji provides");
    }

    @Test
    void aVersionedDependencyIsReported() throws IOException {
        rewrite(records -> replaceApiDependencies(records, List.of("jars/gson-2.10.1.jar")));
        assertOneProblem("jars/api-0.36.0.jar names its dependency jars/gson-2.10.1.jar with a version");
    }

    @Test
    void anIndexWithoutTheUpdatersDtdIsRejected() throws IOException {
        byte[] xml = DbXmlWriter.toXml(DbXmlReader.read(site.resolve("db.xml.gz")));
        String text = new String(xml, StandardCharsets.UTF_8).replace("<!ATTLIST version filesize CDATA #REQUIRED>\n",
                "");
        writeGzipped(text);
        List<String> problems = problems();
        assertTrue(problems.contains("db.xml.gz does not carry the updater's DTD as internal subset"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("breaks the DTD")), "filesize is now undeclared");
    }

    @Test
    void elementsOutOfTheDtdsOrderAreRejected() throws IOException {
        String text = new String(DbXmlWriter.toXml(DbXmlReader.read(site.resolve("db.xml.gz"))), StandardCharsets.UTF_8)
                .replaceFirst("(<description>[^<]*</description>)(\\s*)(<dependency [^>]*/>)", "$3$2$1");
        writeGzipped(text);
        assertTrue(problems().stream().anyMatch(p -> p.contains("breaks the DTD")), problems().toString());
    }

    @Test
    void aFileOutsideTheUpdatersFoldersIsReported() throws IOException {
        Files.writeString(site.resolve("README.txt-" + RELEASE_1), "x");
        rewrite(records -> {
            List<PluginRecord> changed = new ArrayList<>(records);
            changed.add(new PluginRecord("README.txt", Optional.of(new FileVersion(checksum("README.txt"), RELEASE_1,
                    1, null, List.of(), List.of(), List.of())), List.of()));
            return changed;
        });
        assertOneProblem("README.txt is not where the updater looks for installed files");
    }

    @Test
    void aPlatformFileMustBeMarkedForItsFolderWithAPlatformTheUpdaterKnows() throws IOException {
        Path jar = site.resolve("jars/pytorch-jni-2.7.1-0.36.0.jar-" + RELEASE_1);
        Files.createDirectories(site.resolve("jars/win64"));
        Files.move(jar, site.resolve("jars/win64/pytorch-jni-2.7.1-0.36.0.jar-" + RELEASE_1));
        rewrite(records -> records.stream().map(r -> r.unversionedName().equals("jars/pytorch-jni.jar")
                ? new PluginRecord("jars/win64/pytorch-jni-2.7.1-0.36.0.jar", List.of("linux64"), r.current(),
                        r.previous())
                : r.unversionedName().equals("jars/api.jar")
                        ? new PluginRecord(r.filename(), List.of("windows"), r.current(), r.previous())
                        : r).toList());
        List<String> problems = problems();
        assertTrue(problems.contains("jars/win64/pytorch-jni-2.7.1-0.36.0.jar sits in the win64 folder but is marked"
                + " for [linux64]"), problems.toString());
        assertTrue(problems.contains("jars/api-0.36.0.jar is for the platform 'windows', which the updater does not"
                + " know"), problems.toString());
        // The engine still names jars/pytorch-jni.jar, which the moved file no longer is.
        assertEquals(3, problems.size(), problems.toString());
    }

    private String checksum(String path) {
        try {
            return UpdaterChecksum.of(path, site.resolve(path + "-" + RELEASE_1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PluginRecord> replaceApiDependencies(List<PluginRecord> records, List<String> dependencies) {
        return records.stream().map(r -> {
            if (!r.unversionedName().equals("jars/api.jar")) {
                return r;
            }
            FileVersion v = r.current().orElseThrow();
            return new PluginRecord(r.filename(), Optional.of(new FileVersion(v.checksum(), v.timestamp(),
                    v.filesize(), v.description(), dependencies, v.links(), v.authors())), r.previous());
        }).toList();
    }

    private interface Edit {
        List<PluginRecord> apply(List<PluginRecord> records);
    }

    private void rewrite(Edit edit) throws IOException {
        Path index = site.resolve("db.xml.gz");
        List<PluginRecord> records = edit.apply(DbXmlReader.read(index));
        Files.delete(index);
        DbXmlWriter.write(records, index);
    }

    private void writeGzipped(String xml) throws IOException {
        Path index = site.resolve("db.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(index))) {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void assertOneProblem(String start) throws IOException {
        List<String> problems = problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(start), problems.get(0));
    }

    private List<String> problems() throws IOException {
        return SiteVerifier.problems(site, build.fiji().unversionedPaths());
    }
}
