package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.util.List;

/**
 * Keeps development builds off a release: a file whose name carries a Maven {@code -SNAPSHOT} version (the plugin jar
 * of an unreleased pom, or a snapshot library) would reach every user as if it were a release, and the next real
 * release of the same version would not count as an update. The release command lines refuse them unless told that
 * the site is only tried out ({@code -Dimagejgan.release.allowSnapshot=true}).
 */
final class SnapshotCheck {

    private SnapshotCheck() {
    }

    /** The same contents, refused if any file is a SNAPSHOT. */
    static SiteContents.Source refusingSnapshots(SiteContents.Source source) {
        return () -> {
            SiteContents contents = source.collect();
            List<String> snapshots = contents.files().stream().map(SiteFile::path)
                    .filter(path -> path.contains("-SNAPSHOT")).toList();
            if (!snapshots.isEmpty()) {
                throw new IOException(String.join(", ", snapshots) + (snapshots.size() == 1 ? " is a" : " are")
                        + " development (SNAPSHOT) build" + (snapshots.size() == 1 ? "" : "s") + ", which the updater"
                        + " would give every user as a release. Set a release version first (mvn versions:set "
                        + "-DnewVersion=...), or pass -Dimagejgan.release.allowSnapshot=true for a site that is only "
                        + "tried out and never uploaded.");
            }
            return contents;
        };
    }
}
