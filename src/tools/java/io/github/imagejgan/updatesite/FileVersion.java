package io.github.imagejgan.updatesite;

import java.util.List;

/**
 * The current version of a file on the site: a {@code <version>} element. {@code dependencies} are paths without
 * version ({@code jars/api.jar}), as the updater stores them, so that a dependency stays satisfied when the other file
 * gets a new version.
 */
record FileVersion(String checksum, long timestamp, long filesize, String description, List<String> dependencies,
        List<String> links, List<String> authors) {

    FileVersion {
        dependencies = List.copyOf(dependencies);
        links = List.copyOf(links);
        authors = List.copyOf(authors);
    }

    /** The same file content under new metadata (description, dependencies, ...) from the current build. */
    FileVersion withMetadataOf(FileVersion other) {
        return new FileVersion(checksum, timestamp, filesize, other.description, other.dependencies, other.links,
                other.authors);
    }
}
