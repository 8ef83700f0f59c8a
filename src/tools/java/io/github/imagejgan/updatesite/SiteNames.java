package io.github.imagejgan.updatesite;

import java.util.regex.Pattern;

import org.scijava.util.FileUtils;

/**
 * How the updater names files: by path inside Fiji.app ({@code jars/api-0.36.0.jar}), identified across versions by
 * the path without its version ({@code jars/api.jar}), and stored on the site as {@code <path>-<timestamp>}.
 */
final class SiteNames {

    /**
     * Letters, digits and a few separators only. The updater puts the path into the download URL replacing nothing
     * but spaces, and checksums the path as ASCII, so anything else would break a download or a checksum. No name
     * may start with a dot: the updater skips hidden files when it looks at what is installed.
     */
    private static final String NAME = "[A-Za-z0-9_+ -][A-Za-z0-9._+ -]*";
    private static final Pattern ALLOWED = Pattern.compile(NAME + "(/" + NAME + ")*");

    private SiteNames() {
    }

    /**
     * The path without its version. This is scijava-common's rule, the very method the updater calls
     * (FileObject.getFilename(name, true)), so that this site and Fiji agree on which files are the same.
     */
    static String unversioned(String path) {
        return FileUtils.stripFilenameVersion(path);
    }

    /** The name of a stored file: the updater downloads {@code <site URL><path>-<timestamp>}. */
    static String stored(String path, long timestamp) {
        return path + "-" + timestamp;
    }

    /** Rejects paths the updater could not download or checksum reliably. */
    static String checked(String path) {
        if (!ALLOWED.matcher(path).matches()) {
            throw new IllegalArgumentException("'" + path + "' cannot go on an update site: use letters, digits and"
                    + " . _ + - or spaces in file and folder names, and no name that starts with a dot");
        }
        return path;
    }
}
