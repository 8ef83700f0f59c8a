package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The release before this one, given either as its {@code db.xml.gz} (then the new site folder holds only what this
 * release adds, to upload beside the old files) or as a copy of the whole site folder (then the new folder is a
 * complete copy of the site, old files included, ready to mirror).
 *
 * @param folder the old site folder, when one was given
 */
record PreviousSite(List<PluginRecord> records, Optional<Path> folder) {

    static final String INDEX = "db.xml.gz";

    /** The first release has no history. */
    static final PreviousSite NONE = new PreviousSite(List.of(), Optional.empty());

    static PreviousSite read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path index = path.resolve(INDEX);
            if (!Files.isRegularFile(index)) {
                throw new IOException(path + " has no " + INDEX + ": give the previous site's folder or its " + INDEX);
            }
            return new PreviousSite(DbXmlReader.read(index), Optional.of(path));
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("No previous release at " + path + ": download the site's " + INDEX + " first");
        }
        return new PreviousSite(DbXmlReader.read(path), Optional.empty());
    }
}
