package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a Fiji.app looks like after the updater installed some sites on one platform: each current file for every
 * platform or for this one, taken from the site's stored {@code <path>-<timestamp>} and checked against its checksum
 * as the updater checks a download; plus the libraries Fiji itself provides, taken from the build's dependency
 * folders. Lets a build check that the sites' files, and nothing else of the build, suffice to run.
 */
final class InstalledSites {

    private InstalledSites() {
    }

    /**
     * Installs into {@code app} from scratch: whatever the folder held before is deleted first, so that nothing left
     * from an earlier run can stand in for a missing file.
     *
     * @param sites site folders, in the order the user added them
     * @param platform the updater's platform name ({@code linux64})
     * @param dependencies dependency folders from which to take the libraries Fiji provides
     * @return the installed paths inside the app, without Fiji's own libraries
     */
    static List<String> install(Path app, String platform, List<Path> sites, FijiLibraries fiji,
            List<Path> dependencies) throws IOException {
        SiteDirectory.deleteRecursively(app);
        List<String> installed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path site : sites) {
            for (PluginRecord record : DbXmlReader.read(site.resolve(PreviousSite.INDEX))) {
                if (record.current().isEmpty()
                        || !(record.platforms().isEmpty() || record.platforms().contains(platform))) {
                    continue;
                }
                FileVersion version = record.current().get();
                Path stored = site.resolve(SiteNames.stored(record.filename(), version.timestamp()));
                Path target = app.resolve(record.filename());
                Files.createDirectories(target.getParent());
                Files.copy(stored, target, StandardCopyOption.REPLACE_EXISTING);
                if (!ReferenceChecksum.of(record.filename(), target).equals(version.checksum())) {
                    throw new IOException(record.filename() + " from " + site + " does not match its checksum");
                }
                installed.add(record.filename());
                names.add(record.unversionedName());
            }
        }
        for (Path folder : dependencies) {
            for (MavenArtifact artifact : DependencyFolder.read(folder)) {
                String path = artifact.sitePath();
                if (fiji.ships(artifact.key()) && artifact.classifier().isEmpty()
                        && names.add(SiteNames.unversioned(path))) {
                    Files.createDirectories(app.resolve("jars"));
                    Files.copy(artifact.jar(), app.resolve(path), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return installed;
    }
}
