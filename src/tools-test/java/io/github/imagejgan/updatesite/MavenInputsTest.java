package io.github.imagejgan.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.github.imagejgan.testing.ZipFiles;

/**
 * Reading what Maven hands over: the dependency folder, poms, and the real pom-scijava 45 and DJL poms this build
 * resolved into the local repository (present whenever the build runs, since the build imports and uses them).
 */
class MavenInputsTest {

    @TempDir
    Path dir;

    /** The libraries Fiji must keep providing: the site would otherwise shadow core Fiji jars. */
    static final List<String> FIJI_SHIPS = List.of("com.google.code.gson:gson", "net.java.dev.jna:jna",
            "org.apache.commons:commons-compress", "commons-io:commons-io", "commons-codec:commons-codec",
            "org.slf4j:slf4j-api", "org.scijava:scijava-common", "org.scijava:parsington", "net.imglib2:imglib2",
            "net.imagej:ij");

    @Test
    void pomScijava45ManagesEveryNonDjlLibraryAndNoDjlOne() throws IOException {
        FijiLibraries fiji = FijiLibraries.read(pomScijava());
        for (String library : FIJI_SHIPS) {
            assertTrue(fiji.ships(library), library);
        }
        for (String djl : List.of("ai.djl:api", "ai.djl.pytorch:pytorch-engine", "ai.djl.pytorch:pytorch-jni")) {
            assertFalse(fiji.ships(djl), djl);
        }
        assertTrue(fiji.unversionedPaths().contains("jars/gson.jar"));
    }

    @Test
    void theProjectShipsExactlyTheDjlJarsAndDjlNeedsOnlyWhatFijiShips() throws IOException {
        FijiLibraries fiji = FijiLibraries.read(pomScijava());
        PomFile project = PomFile.read(Path.of("pom.xml"));
        assertEquals(List.of("ai.djl:api", "ai.djl.pytorch:pytorch-engine", "ai.djl.pytorch:pytorch-jni"),
                project.runtimeDependencies().stream().filter(d -> !fiji.ships(d)).toList(),
                "a new runtime dependency Fiji lacks would go on the site: decide, and update README.md");
        PomFile api = PomFile.read(localRepository().resolve("ai/djl/api/0.36.0/api-0.36.0.pom"));
        assertEquals(List.of(), api.runtimeDependencies().stream().filter(d -> !fiji.ships(d)).toList(),
                "DJL's own dependencies are all core Fiji jars");
        assertFalse(project.runtimeDependencies().contains("ai.djl.pytorch:pytorch-native-cpu"),
                "the native library is test scope: DJL downloads it on users' machines");
    }

    @Test
    void theDependencyFolderSpellsOutCoordinates() throws IOException {
        Path root = dir.resolve("deps");
        ZipFiles.write(root.resolve("ai/djl/pytorch/pytorch-jni/2.7.1-0.36.0/pytorch-jni-2.7.1-0.36.0.jar"),
                Jars.entries("a", "b"));
        Files.writeString(root.resolve("ai/djl/pytorch/pytorch-jni/2.7.1-0.36.0/pytorch-jni-2.7.1-0.36.0.pom"), "");
        ZipFiles.write(root.resolve("org/x/native/1.0/native-1.0-linux-x86_64.jar"), Jars.entries("a", "b"));
        List<MavenArtifact> artifacts = DependencyFolder.read(root);
        assertEquals(List.of("ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0", "org.x:native:1.0:linux-x86_64"),
                artifacts.stream().map(MavenArtifact::toString).toList());
        assertEquals("jars/pytorch-jni-2.7.1-0.36.0.jar", artifacts.get(0).sitePath());
        assertTrue(artifacts.get(0).pom().isPresent());
        assertEquals(Optional.empty(), artifacts.get(1).pom());
    }

    @Test
    void twoVersionsOfALibraryAskForACleanBuild() throws IOException {
        Path root = dir.resolve("deps");
        ZipFiles.write(root.resolve("ai/djl/api/0.35.0/api-0.35.0.jar"), Jars.entries("a", "b"));
        ZipFiles.write(root.resolve("ai/djl/api/0.36.0/api-0.36.0.jar"), Jars.entries("a", "b"));
        IOException error = assertThrows(IOException.class, () -> DependencyFolder.read(root));
        assertTrue(error.getMessage().contains("run mvn clean"), error.getMessage());
    }

    @Test
    void pomDependenciesResolveTheProjectGroupAndRefuseOtherProperties() throws IOException {
        Path pom = Files.writeString(dir.resolve("a.pom"), """
                <project>
                  <parent><groupId>org.example</groupId></parent>
                  <artifactId>a</artifactId>
                  <dependencies>
                    <dependency><groupId>${project.groupId}</groupId><artifactId>b</artifactId></dependency>
                    <dependency><groupId>org.other</groupId><artifactId>c</artifactId><scope>provided</scope>
                    </dependency>
                    <dependency><groupId>org.other</groupId><artifactId>d</artifactId><type>pom</type></dependency>
                  </dependencies>
                </project>
                """);
        assertEquals(List.of("org.example:b"), PomFile.read(pom).runtimeDependencies());
        Files.writeString(pom, Files.readString(pom).replace("${project.groupId}", "${other.group}"));
        IOException error = assertThrows(IOException.class, () -> PomFile.read(pom));
        assertTrue(error.getMessage().contains("${other.group}"), error.getMessage());
    }

    @Test
    void menuScriptsAndModelZipsAreCollected() throws IOException {
        SiteFixture build = new SiteFixture(dir.resolve("build"));
        build.write("project/models/denoise-nuclei.zip", "zip");
        build.write("project/models/MODELS.md", "evaluation");
        SiteContents contents = SiteContents.collect(build.sources());
        assertEquals(List.of("jars/imagej-gan-0.1.0.jar", "jars/api-0.36.0.jar", "jars/pytorch-engine-0.36.0.jar",
                "jars/pytorch-jni-2.7.1-0.36.0.jar", SiteFixture.MACRO, SiteFixture.SCRIPT,
                "models/imagej-gan/denoise-nuclei.zip"), contents.files().stream().map(SiteFile::path).toList());
        assertEquals("com.google.code.gson:gson, net.imagej:ij", contents.fijiLibraries().stream()
                .map(MavenArtifact::key).sorted().collect(Collectors.joining(", ")));
    }

    @Test
    void theMetricsSiteShipsJavacppAndOpenblasAtPomScijavasVersionsForEveryPlatform() throws IOException {
        Element project = xml(Path.of("pom.xml"));
        Map<String, String> ours = properties(project);
        Map<String, String> fiji = properties(xml(pomScijava()));
        assertEquals(resolve("${javacpp.version}", fiji), ours.get("nd4j.javacpp.version"));
        assertEquals(resolve("${openblas.version}", fiji), ours.get("nd4j.openblas.version"));

        Element profile = Xml.children(Xml.child(project, "profiles").orElseThrow(), "profile").stream()
                .filter(p -> Xml.text(p, "id").orElse("").equals("metrics-site")).findFirst().orElseThrow();
        Map<String, String> profileProperties = properties(profile);
        FijiLibraries managed = FijiLibraries.read(pomScijava());
        for (String key : profileProperties.get("metrics-site.ship-managed").split(",")) {
            assertTrue(managed.ships(key), key + " is managed by pom-scijava, or it needs no special listing");
        }
        Map<String, Set<String>> platforms = new TreeMap<>();
        List<Element> items = Xml.children(Xml.path(profile, "build", "plugins").orElseThrow(), "plugin").stream()
                .flatMap(p -> Xml.path(p, "executions").stream())
                .flatMap(e -> Xml.children(e, "execution").stream())
                .flatMap(e -> Xml.path(e, "configuration", "artifactItems").stream())
                .flatMap(a -> Xml.children(a, "artifactItem").stream()).toList();
        for (Element item : items) {
            platforms.computeIfAbsent(Xml.text(item, "groupId").orElseThrow() + ":"
                    + Xml.text(item, "artifactId").orElseThrow(), k -> new TreeSet<>())
                    .add(Xml.text(item, "classifier").orElseThrow());
        }
        assertEquals(Set.of("org.nd4j:nd4j-native", "org.nd4j:nd4j-native-preset", "org.bytedeco:openblas",
                "org.bytedeco:javacpp"), platforms.keySet());
        for (Map.Entry<String, Set<String>> entry : platforms.entrySet()) {
            assertEquals(NativePlatforms.classifiers(), entry.getValue(), entry.getKey() + ": every platform");
        }
    }

    private static Element xml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Xml.parse(in, file.toString());
        }
    }

    private static Map<String, String> properties(Element parent) {
        Map<String, String> properties = new HashMap<>();
        Xml.child(parent, "properties").ifPresent(p -> {
            for (Node node = p.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element) {
                    properties.put(element.getTagName(), element.getTextContent().strip());
                }
            }
        });
        return properties;
    }

    /** Expands ${...} from the same properties, as Maven does. */
    private static String resolve(String value, Map<String, String> properties) {
        String resolved = value;
        for (int depth = 0; depth < 10 && resolved.contains("${"); depth++) {
            int start = resolved.indexOf("${");
            int end = resolved.indexOf('}', start);
            String name = resolved.substring(start + 2, end);
            resolved = resolved.substring(0, start) + properties.getOrDefault(name, "?" + name)
                    + resolved.substring(end + 1);
        }
        return resolved;
    }

    /** pom-scijava as the pom passes it: the version the build imports. */
    static Path pomScijava() {
        String configured = System.getProperty("pom-scijava.file");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : localRepository().resolve("org/scijava/pom-scijava/45.0.0/pom-scijava-45.0.0.pom");
    }

    /** The local Maven repository, as the pom passes it; ~/.m2/repository when run outside Maven. */
    static Path localRepository() {
        String configured = System.getProperty("local.repository");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
