package io.github.imagejgan.updatesite;

/**
 * An earlier version of a file: a {@code <previous-version>} element. The updater compares a user's installed file
 * against these checksums to tell "an older release, update it" from "modified by the user, leave it alone".
 *
 * @param filename the path of that version, which for a jar carries the old version number
 * @param timestampObsolete when a newer release replaced it
 */
record PreviousVersion(String filename, String checksum, long timestamp, long timestampObsolete) {
}
