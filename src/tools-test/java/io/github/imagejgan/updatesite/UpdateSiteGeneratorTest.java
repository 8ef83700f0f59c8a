package io.github.imagejgan.updatesite;

import static io.github.imagejgan.updatesite.SiteFixture.RELEASE_1;
import static io.github.imagejgan.updatesite.SiteFixture.RELEASE_2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releases of the site from hand-made build outputs, checked with the independent {@link SiteVerifier}. */
class UpdateSiteGeneratorTest {

    @TempDir
    Path dir;

    SiteFixture build;
    Path site1;

    @BeforeEach
    void firstRelease() throws IOException {
        build = new SiteFixture(dir.resolve("build"));
        site1 = dir.resolve("site1");
        build.generate(site1, RELEASE_1, null);
    }

    @Test
    void firstReleaseHoldsThePluginTheLibrariesFijiLacksAndTheExamples() throws IOException {
        assertEquals(Set.of(
                "db.xml.gz",
                "jars/imagej-gan-0.1.0.jar-20261201120000",
                "jars/api-0.36.0.jar-20261201120000",
                "jars/pytorch-engine-0.36.0.jar-20261201120000",
                "jars/pytorch-jni-2.7.1-0.36.0.jar-20261201120000",
                SiteFixture.MACRO + "-20261201120000",
                SiteFixture.SCRIPT + "-20261201120000"), files(site1),
                "gson and ij are Fiji's; benchmarks, notes and the absent models folder add nothing");
        assertEquals(List.of(), verify(site1));
    }

    @Test
    void recordsCarryDescriptionsLinksAuthorsAndDependenciesWithoutVersions() throws IOException {
        Map<String, PluginRecord> records = records(site1);
        FileVersion plugin = records.get("jars/imagej-gan.jar").current().orElseThrow();
        assertEquals("Restore images with GANs", plugin.description());
        assertEquals(List.of("https://github.com/imagej-gan/imagej-gan"), plugin.links());
        assertEquals(List.of("jars/ij.jar", "jars/api.jar", "jars/pytorch-engine.jar", "jars/pytorch-jni.jar"),
                plugin.dependencies(), "runtime dependencies in pom order; test ones left out");
        FileVersion api = records.get("jars/api.jar").current().orElseThrow();
        assertEquals(List.of("jars/gson.jar"), api.dependencies(), "optional and test dependencies left out");
        assertEquals("Deep Java Library - api", api.description());
        assertEquals(List.of("DJL.AI Team"), api.authors());
        assertEquals(List.of("jars/api.jar"), records.get("jars/pytorch-engine.jar").current().orElseThrow()
                .dependencies());
        assertEquals(List.of("jars/imagej-gan.jar"), records.get(SiteFixture.SCRIPT).current()
                .orElseThrow().dependencies());
        for (PluginRecord record : records.values()) {
            FileVersion version = record.current().orElseThrow();
            assertEquals(RELEASE_1, version.timestamp());
            assertEquals(Files.size(site1.resolve(record.filename() + "-" + RELEASE_1)), version.filesize());
            assertTrue(record.previous().isEmpty());
        }
    }

    @Test
    void secondReleaseKeepsHistoryForChangedFilesOnly() throws IOException {
        changeTheBuild();
        Path site2 = dir.resolve("site2");
        Release release = build.generate(site2, RELEASE_2, site1).release();

        Map<String, PluginRecord> records = records(site2);
        Map<String, PluginRecord> before = records(site1);
        // Changed: the plugin (new code and version) and the macro.
        PluginRecord plugin = records.get("jars/imagej-gan.jar");
        assertEquals("jars/imagej-gan-0.2.0.jar", plugin.filename());
        assertEquals(RELEASE_2, plugin.current().orElseThrow().timestamp());
        assertEquals(List.of(new PreviousVersion("jars/imagej-gan-0.1.0.jar",
                before.get("jars/imagej-gan.jar").current().orElseThrow().checksum(), RELEASE_1, RELEASE_2)),
                plugin.previous());
        assertEquals(1, records.get(SiteFixture.MACRO).previous().size());
        // Removed: the Jython script stays known, without a current version, so the updater offers to uninstall it.
        PluginRecord removed = records.get(SiteFixture.SCRIPT);
        assertTrue(removed.current().isEmpty());
        assertEquals(RELEASE_2, removed.previous().get(0).timestampObsolete());
        // New: the model package, with no history.
        assertTrue(records.get("models/imagej-gan/denoise-nuclei.zip").previous().isEmpty());
        // Unchanged: api was rebuilt with a new manifest and pom.properties date; engine and jni as they were.
        for (String same : List.of("jars/api.jar", "jars/pytorch-engine.jar", "jars/pytorch-jni.jar")) {
            assertEquals(before.get(same), records.get(same), same + " keeps its version, size and history");
        }
        assertEquals(Set.of("jars/imagej-gan.jar", SiteFixture.MACRO, SiteFixture.SCRIPT),
                records.values().stream().filter(r -> !r.previous().isEmpty()).map(PluginRecord::unversionedName)
                        .collect(Collectors.toSet()), "previous versions only where something changed");

        assertEquals(Set.of("jars/imagej-gan-0.2.0.jar", SiteFixture.MACRO, "models/imagej-gan/denoise-nuclei.zip"),
                release.uploads().stream().map(Release.Upload::path).collect(Collectors.toSet()));
        Set<String> expected = new TreeSet<>(files(site1));
        expected.addAll(Set.of("jars/imagej-gan-0.2.0.jar-20261215093000", SiteFixture.MACRO + "-20261215093000",
                "models/imagej-gan/denoise-nuclei.zip-20261215093000"));
        assertEquals(expected, files(site2), "a complete site: the old files, then this release's");
        assertEquals(List.of(), verify(site2));
    }

    @Test
    void fromTheIndexAloneOnlyTheNewFilesAreWrittenAndTheyCompleteTheHostedSite() throws IOException {
        changeTheBuild();
        Path index = Files.copy(site1.resolve("db.xml.gz"), dir.resolve("downloaded-db.xml.gz"));
        Path upload = dir.resolve("upload");
        build.generate(upload, RELEASE_2, index);
        assertEquals(Set.of("db.xml.gz", "jars/imagej-gan-0.2.0.jar-20261215093000",
                SiteFixture.MACRO + "-20261215093000", "models/imagej-gan/denoise-nuclei.zip-20261215093000"),
                files(upload), "unchanged files are not uploaded again");
        // The upload alone is what the build checks: files of the previous release may be missing from it, no others.
        assertEquals(List.of(), SiteVerifier.problems(upload, build.fiji().unversionedPaths(),
                SiteVerifier.storedNames(index)));
        assertTrue(verify(upload).contains("jars/api-0.36.0.jar-20261201120000 is missing"), "without the index");

        // The hosted site after the upload: old files kept, new ones added, db.xml.gz replaced.
        Path hosted = dir.resolve("hosted");
        copyTree(site1, hosted);
        copyTree(upload, hosted);
        assertEquals(List.of(), verify(hosted));
    }

    @Test
    void aFailedGenerationLeavesThePreviousOutputUntouched() throws IOException {
        byte[] index = Files.readAllBytes(site1.resolve("db.xml.gz"));
        Set<String> before = files(site1);
        build.write("project/scripts/Plugins/Empty.ijm", "");
        IOException error = assertThrows(IOException.class, () -> build.generate(site1, RELEASE_2, null));
        assertTrue(error.getMessage().contains("Empty.ijm is empty"), error.getMessage());
        assertEquals(before, files(site1));
        assertArrayEquals(index, Files.readAllBytes(site1.resolve("db.xml.gz")));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(), siblings.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no staging folder left behind");
        }
    }

    @Test
    void aReleaseMustComeAfterThePreviousOne() throws IOException {
        changeTheBuild();
        Path site2 = dir.resolve("site2");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> build.generate(site2, RELEASE_1, site1));
        assertTrue(error.getMessage().contains("not after"), error.getMessage());
        assertFalse(Files.exists(site2));
    }

    @Test
    void regeneratingFromTheSameInputsGivesTheSameBytes() throws IOException {
        Path again = dir.resolve("again");
        build.generate(again, RELEASE_1, null);
        for (String name : files(site1)) {
            assertEquals(-1L, Files.mismatch(site1.resolve(name), again.resolve(name)), name);
        }
    }

    @Test
    void aRegeneratedSiteReplacesTheOldOutputAsAWhole() throws IOException {
        build.write("project/models/denoise-nuclei.zip", "model");
        build.generate(site1, RELEASE_2, null);
        assertTrue(files(site1).contains("models/imagej-gan/denoise-nuclei.zip-20261215093000"));
        assertFalse(files(site1).contains("jars/api-0.36.0.jar-20261201120000"), "nothing left from the old output");
        assertEquals(List.of(), verify(site1));
    }

    /** Release 2: new plugin code and version, a rebuilt but equal api jar, an edited macro, a removed Jython script,
     * and a first model package. */
    private void changeTheBuild() throws IOException {
        Files.delete(build.pluginJar);
        build.pluginJar("0.2.0", "denoise v2");
        build.rebuildWithNewDate("ai/djl/api/0.36.0", "api", "0.36.0", "ai/djl/Model.class");
        build.write("project/" + SiteFixture.MACRO, "run(\"Denoise...\", \"model=nuclei tile=256\");\n");
        Files.delete(build.scripts.resolve("Plugins/GAN/Examples/Denoise_Folder.py"));
        build.write("project/models/denoise-nuclei.zip", "model package bytes");
    }

    private List<String> verify(Path site) throws IOException {
        return SiteVerifier.problems(site, build.fiji().unversionedPaths());
    }

    private static Map<String, PluginRecord> records(Path site) throws IOException {
        return DbXmlReader.read(site.resolve("db.xml.gz")).stream()
                .collect(Collectors.toMap(PluginRecord::unversionedName, Function.identity()));
    }

    static Set<String> files(Path site) throws IOException {
        try (Stream<Path> walk = Files.walk(site)) {
            return walk.filter(Files::isRegularFile).map(p -> site.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (String name : files(from)) {
            Path target = to.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(from.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
