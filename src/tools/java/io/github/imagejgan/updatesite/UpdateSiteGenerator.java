package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes one release of the site: decides the contents, merges them with the previous release, and writes the site
 * folder ({@code db.xml.gz} plus each file as {@code <path>-<timestamp>}).
 */
final class UpdateSiteGenerator {

    /**
     * @param previous the previous release's {@code db.xml.gz} or site folder; empty for the first release
     * @param timestamp this release's timestamp, later than anything in the previous release
     * @param out the site folder to write; replaced as a whole
     */
    record Request(SiteContents.Source sources, Optional<Path> previous, long timestamp, Path out) {
    }

    record Result(SiteContents contents, Release release) {
    }

    private UpdateSiteGenerator() {
    }

    static Result generate(Request request) throws IOException {
        SiteContents contents = request.sources().collect();
        PreviousSite previous = request.previous().isPresent() ? PreviousSite.read(request.previous().get())
                : PreviousSite.NONE;
        Release release = Release.plan(previous.records(), contents.files(), request.timestamp());
        SiteDirectory.replace(request.out(), staging -> {
            for (Release.Upload upload : release.uploads()) {
                SiteDirectory.copy(upload.source(), staging.resolve(upload.storedName()));
            }
            if (previous.folder().isPresent()) {
                carryOver(previous.folder().get(), release, staging);
            }
            DbXmlWriter.write(release.records(), staging.resolve(PreviousSite.INDEX));
        });
        return new Result(contents, release);
    }

    /**
     * Copies the old site's files into the new folder so that it is a complete site. The stored file of every
     * version still current must be there; older versions are copied where present (a mirror may have pruned them,
     * and the updater never downloads them).
     */
    private static void carryOver(Path folder, Release release, Path staging) throws IOException {
        for (PluginRecord record : release.records()) {
            if (record.current().isPresent() && record.current().get().timestamp() != release.timestamp()) {
                String name = SiteNames.stored(record.filename(), record.current().get().timestamp());
                Path source = folder.resolve(name);
                if (!Files.isRegularFile(source)) {
                    throw new IOException("The previous site folder " + folder + " lacks " + name + ", which stays"
                            + " current; give its db.xml.gz instead to write only this release's new files");
                }
                SiteDirectory.copy(source, staging.resolve(name));
            }
            for (PreviousVersion previous : record.previous()) {
                String name = SiteNames.stored(previous.filename(), previous.timestamp());
                Path source = folder.resolve(name);
                if (Files.isRegularFile(source) && !Files.exists(staging.resolve(name))) {
                    SiteDirectory.copy(source, staging.resolve(name));
                }
            }
        }
    }
}
