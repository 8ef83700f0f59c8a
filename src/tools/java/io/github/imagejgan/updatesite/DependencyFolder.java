package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plugin's runtime dependencies, copied by maven-dependency-plugin in repository layout
 * ({@code ai/djl/api/0.36.0/api-0.36.0.jar} with its pom beside it). The layout spells out each jar's coordinates,
 * so Maven stays the one that resolves versions, and this tool only reads the result.
 */
final class DependencyFolder {

    private DependencyFolder() {
    }

    static List<MavenArtifact> read(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("No dependency folder " + root + ": run the build with -P update-site, which copies"
                    + " the runtime dependencies there");
        }
        List<MavenArtifact> artifacts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                artifacts.add(artifact(root, jar));
            }
        }
        Map<String, MavenArtifact> seen = new HashMap<>();
        for (MavenArtifact artifact : artifacts) {
            String key = artifact.key() + artifact.classifier().map(c -> ":" + c).orElse("");
            MavenArtifact other = seen.put(key, artifact);
            if (other != null) {
                throw new IOException("Two versions of " + key + " in " + root + " (" + other.version() + " and "
                        + artifact.version() + "): files left from an earlier build; run mvn clean");
            }
        }
        return artifacts;
    }

    private static MavenArtifact artifact(Path root, Path jar) throws IOException {
        Path relative = root.relativize(jar);
        int n = relative.getNameCount();
        if (n < 4) {
            throw new IOException(jar + " is not in Maven repository layout (group/artifact/version/file.jar)");
        }
        String version = relative.getName(n - 2).toString();
        String artifactId = relative.getName(n - 3).toString();
        List<String> group = new ArrayList<>();
        for (int i = 0; i < n - 3; i++) {
            group.add(relative.getName(i).toString());
        }
        String base = artifactId + "-" + version;
        String name = jar.getFileName().toString();
        String stem = name.substring(0, name.length() - ".jar".length());
        if (!stem.startsWith(base) || !(stem.length() == base.length() || stem.charAt(base.length()) == '-')) {
            throw new IOException(jar + " is not named " + base + "[-classifier].jar as the repository layout demands");
        }
        Optional<String> classifier =
                stem.length() == base.length() ? Optional.empty() : Optional.of(stem.substring(base.length() + 1));
        Path pom = jar.resolveSibling(base + ".pom");
        return new MavenArtifact(String.join(".", group), artifactId, version, classifier, jar,
                Files.isRegularFile(pom) ? Optional.of(pom) : Optional.empty());
    }
}
