package io.github.imagejgan.updatesite;

import static io.github.imagejgan.updatesite.SiteFixture.RELEASE_1;
import static io.github.imagejgan.updatesite.SiteFixture.RELEASE_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.testing.ZipFiles;

/**
 * The optional distribution-metrics site from a hand-made build: the main site's dependency folder of
 * {@link SiteFixture}, a full one that adds a miniature ND4J set (a shaded Guava whose name Fiji's Guava has, a
 * native part for the build's platform, JavaCPP that pom-scijava manages, commons-lang3 that Fiji ships), and a
 * folder of native builds for three platforms.
 */
class MetricsSiteTest {

    static final String ND4J = "org/nd4j/";
    static final List<String> PLATFORMS = List.of("linux-x86_64", "windows-x86_64", "macosx-arm64");

    @TempDir
    Path dir;

    SiteFixture build;
    Path full;
    Path natives;

    @BeforeEach
    void build() throws IOException {
        build = new SiteFixture(dir.resolve("build"));
        full = dir.resolve("build/project/target/metrics-site-dependencies");
        copyTree(build.dependencies, full);
        SiteFixture.library(full, ND4J + "nd4j-api/1.0.0-M2.1", "nd4j-api", "1.0.0-M2.1",
                "org/nd4j/linalg/factory/Nd4j.class", """
                <project>
                  <groupId>org.nd4j</groupId><artifactId>nd4j-api</artifactId>
                  <description>ND4J API</description>
                  <dependencies>
                    <dependency><groupId>org.nd4j</groupId><artifactId>guava</artifactId></dependency>
                    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId></dependency>
                  </dependencies>
                </project>
                """);
        SiteFixture.library(full, ND4J + "guava/1.0.0-M2.1", "guava", "1.0.0-M2.1",
                "org/nd4j/shade/guava/Lists.class", "<project><groupId>org.nd4j</groupId><artifactId>guava</artifactId>"
                        + "</project>");
        SiteFixture.library(full, ND4J + "nd4j-native/1.0.0-M2.1", "nd4j-native", "1.0.0-M2.1",
                "org/nd4j/nativeblas/Nd4jCpu.class", """
                <project>
                  <groupId>org.nd4j</groupId><artifactId>nd4j-native</artifactId>
                  <dependencies>
                    <dependency><groupId>org.nd4j</groupId><artifactId>nd4j-api</artifactId></dependency>
                    <dependency><groupId>org.bytedeco</groupId><artifactId>javacpp</artifactId></dependency>
                  </dependencies>
                </project>
                """);
        SiteFixture.library(full, "org/bytedeco/javacpp/1.5.10", "javacpp", "1.5.10", "org/bytedeco/Loader.class",
                "<project><groupId>org.bytedeco</groupId><artifactId>javacpp</artifactId>"
                        + "<description>JavaCPP</description></project>");
        SiteFixture.library(full, "org/apache/commons/commons-lang3/3.18.0", "commons-lang3", "3.18.0",
                "org/apache/commons/lang3/StringUtils.class", "<project><groupId>org.apache.commons</groupId>"
                        + "<artifactId>commons-lang3</artifactId></project>");
        nativePart(full.resolve(ND4J + "nd4j-native/1.0.0-M2.1"), "nd4j-native-1.0.0-M2.1", "linux-x86_64");
        nativePart(full.resolve("org/bytedeco/javacpp/1.5.10"), "javacpp-1.5.10", "linux-x86_64");

        natives = dir.resolve("build/project/target/metrics-site-natives");
        for (String platform : PLATFORMS) {
            nativePart(natives, "nd4j-native-1.0.0-M2.1", platform);
            nativePart(natives, "javacpp-1.5.10", platform);
        }
    }

    @Test
    void shipsTheOptionalLibrariesAndEachPlatformsNativesInItsFolder() throws IOException {
        Path site = dir.resolve("site");
        SiteContents contents = generate(site, RELEASE_1, null).contents();
        Map<String, PluginRecord> records = records(site);
        assertEquals(Set.of("jars/nd4j-api.jar", "jars/nd4j-guava.jar", "jars/nd4j-native.jar", "jars/javacpp.jar",
                "jars/linux64/nd4j-native-linux-x86_64.jar", "jars/win64/nd4j-native-windows-x86_64.jar",
                "jars/macos-arm64/nd4j-native-macosx-arm64.jar", "jars/linux64/javacpp-linux-x86_64.jar",
                "jars/win64/javacpp-windows-x86_64.jar", "jars/macos-arm64/javacpp-macosx-arm64.jar"),
                records.keySet(), "neither DJL of the main site nor Fiji's gson, ij and commons-lang3");
        assertEquals(List.of("org.apache.commons:commons-lang3"),
                contents.fijiLibraries().stream().map(MavenArtifact::key).toList());

        PluginRecord windows = records.get("jars/win64/nd4j-native-windows-x86_64.jar");
        assertEquals("jars/win64/nd4j-native-1.0.0-M2.1-windows-x86_64.jar", windows.filename());
        assertEquals(List.of("win64"), windows.platforms());
        assertEquals(List.of("jars/nd4j-native.jar"), windows.current().orElseThrow().dependencies());
        assertEquals("JavaCPP: native build for macosx-arm64",
                records.get("jars/macos-arm64/javacpp-macosx-arm64.jar").current().orElseThrow().description());
        assertEquals(List.of(), records.get("jars/nd4j-api.jar").platforms());

        // ND4J's shaded Guava would be a version of Fiji's jars/guava.jar to the updater; it gets its own name.
        assertEquals("jars/nd4j-guava-1.0.0-M2.1.jar", records.get("jars/nd4j-guava.jar").filename());
        assertEquals(List.of("jars/nd4j-guava.jar", "jars/commons-lang3.jar"),
                records.get("jars/nd4j-api.jar").current().orElseThrow().dependencies());
        // JavaCPP is managed by pom-scijava but shipped here, under the name Fiji sites give it.
        assertEquals("jars/javacpp-1.5.10.jar", records.get("jars/javacpp.jar").filename());
        assertEquals(List.of("jars/nd4j-api.jar", "jars/javacpp.jar"),
                records.get("jars/nd4j-native.jar").current().orElseThrow().dependencies());

        assertTrue(Files.isRegularFile(site.resolve("jars/linux64/nd4j-native-1.0.0-M2.1-linux-x86_64.jar-"
                + RELEASE_1)));
        assertEquals(List.of(), SiteVerifier.problems(site, build.fiji().unversionedPaths()));
    }

    @Test
    void aSecondReleaseKeepsUnchangedNativesAndTheirPlatforms() throws IOException {
        Path site1 = dir.resolve("site1");
        generate(site1, RELEASE_1, null);
        Files.delete(natives.resolve("javacpp-1.5.10-windows-x86_64.jar"));
        nativePart(natives, "javacpp-1.5.10", "windows-x86_64", "rebuilt");
        Path site2 = dir.resolve("site2");
        Release release = generate(site2, RELEASE_2, site1).release();
        assertEquals(List.of("jars/win64/javacpp-1.5.10-windows-x86_64.jar"),
                release.uploads().stream().map(Release.Upload::path).toList());
        Map<String, PluginRecord> records = records(site2);
        PluginRecord changed = records.get("jars/win64/javacpp-windows-x86_64.jar");
        assertEquals(List.of("win64"), changed.platforms());
        assertEquals(1, changed.previous().size());
        assertEquals(records(site1).get("jars/linux64/javacpp-linux-x86_64.jar"),
                records.get("jars/linux64/javacpp-linux-x86_64.jar"));
        assertEquals(List.of(), SiteVerifier.problems(site2, build.fiji().unversionedPaths()));
    }

    @Test
    void aPlatformMissingForOneNativePartIsRefusedBeforeAnythingIsWritten() throws IOException {
        Files.delete(natives.resolve("javacpp-1.5.10-macosx-arm64.jar"));
        Path site = dir.resolve("site");
        IOException error = assertThrows(IOException.class, () -> generate(site, RELEASE_1, null));
        assertTrue(error.getMessage().contains("lacks [javacpp-1.5.10-macosx-arm64.jar]"), error.getMessage());
        assertFalse(Files.exists(site));
    }

    @Test
    void aLeftoverNativeBuildIsRefused() throws IOException {
        nativePart(natives, "javacpp-1.5.7", "linux-x86_64");
        IOException error = assertThrows(IOException.class, () -> generate(dir.resolve("site"), RELEASE_1, null));
        assertTrue(error.getMessage().contains("javacpp-1.5.7-linux-x86_64.jar") && error.getMessage()
                .contains("run mvn clean"), error.getMessage());
    }

    @Test
    void anUnknownPlatformClassifierIsRefused() throws IOException {
        nativePart(full.resolve(ND4J + "nd4j-native/1.0.0-M2.1"), "nd4j-native-1.0.0-M2.1", "android-arm");
        nativePart(natives, "nd4j-native-1.0.0-M2.1", "android-arm");
        IOException error = assertThrows(IOException.class, () -> generate(dir.resolve("site"), RELEASE_1, null));
        assertTrue(error.getMessage().contains("android-arm names no platform Fiji knows"), error.getMessage());
    }

    @Test
    void aListedManagedLibraryThatIsNotResolvedIsAStaleList() {
        IOException error = assertThrows(IOException.class, () -> MetricsSite.collect(new MetricsSite.Sources(full,
                build.dependencies, natives, build.fiji(), Set.of("org.bytedeco:javacpp", "org.bytedeco:openblas"))));
        assertTrue(error.getMessage().startsWith("org.bytedeco:openblas is listed to ship"), error.getMessage());
    }

    @Test
    void aFullFolderWithoutTheOptionalSetIsRefused() {
        IOException error = assertThrows(IOException.class, () -> MetricsSite.collect(new MetricsSite.Sources(
                build.dependencies, build.dependencies, natives, build.fiji(), Set.of())));
        assertTrue(error.getMessage().contains("holds nothing beyond the main site and Fiji"), error.getMessage());
    }

    @Test
    void theInstalledSitesGiveEachPlatformItsOwnNativesAndFijisLibraries() throws IOException {
        Path main = dir.resolve("main-site");
        build.generate(main, RELEASE_1, null);
        Path metrics = dir.resolve("metrics-site");
        generate(metrics, RELEASE_1, null);
        Path app = dir.resolve("Fiji.app");
        Files.createDirectories(app.resolve("jars"));
        Files.writeString(app.resolve("jars/left-from-an-earlier-run.jar"), "x");
        List<String> installed = InstalledSites.install(app, "win64", List.of(main, metrics), build.fiji(),
                List.of(build.dependencies, full));
        assertTrue(installed.contains("jars/win64/nd4j-native-1.0.0-M2.1-windows-x86_64.jar"), installed.toString());
        assertFalse(installed.stream().anyMatch(p -> p.startsWith("jars/linux64/")), installed.toString());
        assertTrue(Files.isRegularFile(app.resolve("jars/nd4j-guava-1.0.0-M2.1.jar")));
        assertFalse(Files.exists(app.resolve("jars/left-from-an-earlier-run.jar")), "a fresh Fiji.app");
        assertTrue(Files.isRegularFile(app.resolve("jars/commons-lang3-3.18.0.jar")), "Fiji's own");
        assertFalse(Files.exists(app.resolve("jars/javacpp-1.5.10-linux-x86_64.jar")),
                "the build's own native part is not a Fiji library");
    }

    private UpdateSiteGenerator.Result generate(Path out, long timestamp, Path previous) throws IOException {
        return UpdateSiteGenerator.generate(new UpdateSiteGenerator.Request(new MetricsSite.Sources(full,
                build.dependencies, natives, build.fiji(), Set.of("org.bytedeco:javacpp")),
                Optional.ofNullable(previous), timestamp, out));
    }

    private static void nativePart(Path folder, String base, String classifier) throws IOException {
        nativePart(folder, base, classifier, "library");
    }

    private static void nativePart(Path folder, String base, String classifier, String content) throws IOException {
        ZipFiles.write(folder.resolve(base + "-" + classifier + ".jar"), Jars.entries(
                "org/bytedeco/" + classifier + "/lib" + base + ".so", content + " for " + classifier));
    }

    private static Map<String, PluginRecord> records(Path site) throws IOException {
        return DbXmlReader.read(site.resolve("db.xml.gz")).stream()
                .collect(Collectors.toMap(PluginRecord::unversionedName, Function.identity()));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (String name : UpdateSiteGeneratorTest.files(from)) {
            Path target = to.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(from.resolve(name), target);
        }
    }
}
