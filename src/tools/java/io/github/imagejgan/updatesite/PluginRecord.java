package io.github.imagejgan.updatesite;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One file's history on the site: a {@code <plugin>} element. The updater keeps one record per path without version,
 * so {@code jars/imagej-gan-0.1.0.jar} and {@code jars/imagej-gan-0.2.0.jar} are two versions of one record.
 *
 * @param filename the path of the current version, or of the last one for a file no longer shipped
 * @param platforms the updater's platforms the file is for ({@code linux64}); empty for every platform
 * @param current the current version; empty once the file was removed from the site (the updater then offers to
 *        uninstall it)
 * @param previous the earlier versions, oldest first
 */
record PluginRecord(String filename, List<String> platforms, Optional<FileVersion> current,
        List<PreviousVersion> previous) {

    PluginRecord {
        platforms = List.copyOf(platforms);
        previous = previous.stream().sorted(Comparator.comparingLong(PreviousVersion::timestamp)).toList();
    }

    /** A file for every platform. */
    PluginRecord(String filename, Optional<FileVersion> current, List<PreviousVersion> previous) {
        this(filename, List.of(), current, previous);
    }

    String unversionedName() {
        return SiteNames.unversioned(filename);
    }

    /** Every timestamp this record mentions; a new release must come after all of them. */
    Stream<Long> timestamps() {
        return Stream.concat(current.stream().map(FileVersion::timestamp),
                previous.stream().flatMap(p -> Stream.of(p.timestamp(), p.timestampObsolete())));
    }
}
