package io.github.imagejgan.updatesite;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A file this build puts on the site: where it goes in Fiji.app, where it comes from, and what the index says about
 * it.
 *
 * @param path inside Fiji.app, e.g. {@code jars/api-0.36.0.jar}
 * @param platforms the updater's platforms it is for ({@link NativePlatforms}); empty for every platform
 * @param dependencies paths without version of the files it needs, e.g. {@code jars/gson.jar}
 */
record SiteFile(String path, Path source, List<String> platforms, Optional<String> description,
        List<String> dependencies, List<String> links, List<String> authors) {

    SiteFile {
        SiteNames.checked(path);
        platforms = List.copyOf(platforms);
        dependencies = List.copyOf(dependencies);
        links = List.copyOf(links);
        authors = List.copyOf(authors);
    }

    /** A file for every platform. */
    SiteFile(String path, Path source, Optional<String> description, List<String> dependencies, List<String> links,
            List<String> authors) {
        this(path, source, List.of(), description, dependencies, links, authors);
    }
}
