package io.github.imagejgan.updatesite;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A runtime dependency as Maven resolved it: its coordinates, its jar, and its pom if one was copied beside it.
 *
 * @param classifier empty for the main jar of an artifact
 */
record MavenArtifact(String groupId, String artifactId, String version, Optional<String> classifier, Path jar,
        Optional<Path> pom) {

    /** {@code groupId:artifactId}, the key under which pom-scijava manages a library. */
    String key() {
        return groupId + ":" + artifactId;
    }

    /** Its path in Fiji.app: Fiji keeps Maven's file name under jars/. */
    String sitePath() {
        return "jars/" + jar.getFileName();
    }

    @Override
    public String toString() {
        return key() + ":" + version + classifier.map(c -> ":" + c).orElse("");
    }
}
