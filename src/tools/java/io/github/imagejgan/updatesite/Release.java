package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the previous release's records and this build's files into the next release, following the updater's rules
 * for history (as its own XMLFileWriter and FileObject.markRemoved do):
 * <ul>
 * <li>a file whose checksum did not change keeps its version (timestamp, size and name), so it is not uploaded again
 * and users are not asked to download it; only its description and dependencies follow the build;</li>
 * <li>a changed file gets a new version with this release's timestamp, and its old version becomes a
 * {@code <previous-version>}: without it, users who have the old file would see it as "locally modified" and never
 * get the update;</li>
 * <li>a file no longer shipped keeps its record without a current version, with its last version as previous: the
 * updater then offers to uninstall it instead of forgetting it;</li>
 * <li>older history is kept as it was.</li>
 * </ul>
 *
 * @param records the new index, sorted by path
 * @param uploads the files this release adds to the site
 * @param unchanged paths kept from the previous release
 * @param removed paths no longer shipped
 */
record Release(long timestamp, List<PluginRecord> records, List<Upload> uploads, List<String> unchanged,
        List<String> removed) {

    /** A file to store on the site under its path and this release's timestamp. */
    record Upload(String path, Path source, long timestamp, long size) {

        String storedName() {
            return SiteNames.stored(path, timestamp);
        }
    }

    static Release plan(List<PluginRecord> previousRecords, List<SiteFile> files, long timestamp) throws IOException {
        if (!Timestamps.isValid(timestamp)) {
            throw new IllegalArgumentException(timestamp + " is not a yyyyMMddHHmmss timestamp");
        }
        Map<String, PluginRecord> previous = new LinkedHashMap<>();
        for (PluginRecord record : previousRecords) {
            if (previous.put(record.unversionedName(), record) != null) {
                throw new IOException("The previous index lists " + record.unversionedName() + " twice");
            }
        }
        long latest = previousRecords.stream().flatMap(PluginRecord::timestamps).mapToLong(Long::longValue).max()
                .orElse(0);
        if (timestamp <= latest) {
            throw new IllegalArgumentException("This release's timestamp " + timestamp + " is not after the previous"
                    + " release's " + latest + ": the updater orders versions by timestamp. Check the clock or"
                    + " -Dupdate-site.timestamp");
        }

        Map<String, PluginRecord> next = new LinkedHashMap<>();
        List<Upload> uploads = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (SiteFile file : files) {
            String key = SiteNames.unversioned(file.path());
            if (next.containsKey(key)) {
                throw new IOException("Two files would share the updater's name " + key + ": "
                        + next.get(key).filename() + " and " + file.path());
            }
            long size = Files.size(file.source());
            if (size == 0) {
                // The updater takes an empty downloaded file for "delete this file".
                throw new IOException(file.source() + " is empty: the updater would delete " + file.path()
                        + " instead of installing it");
            }
            FileVersion built = new FileVersion(UpdaterChecksum.of(file.path(), file.source()), timestamp, size,
                    file.description().orElse(null), file.dependencies(), file.links(), file.authors());
            PluginRecord old = previous.remove(key);
            Optional<FileVersion> oldVersion = old == null ? Optional.empty() : old.current();
            if (oldVersion.isPresent() && oldVersion.get().checksum().equals(built.checksum())) {
                next.put(key, new PluginRecord(old.filename(), file.platforms(),
                        Optional.of(oldVersion.get().withMetadataOf(built)), old.previous()));
                unchanged.add(old.filename());
                continue;
            }
            List<PreviousVersion> history = new ArrayList<>(old == null ? List.of() : old.previous());
            oldVersion.ifPresent(v -> history.add(new PreviousVersion(old.filename(), v.checksum(), v.timestamp(),
                    timestamp)));
            next.put(key, new PluginRecord(file.path(), file.platforms(), Optional.of(built), history));
            uploads.add(new Upload(file.path(), file.source(), timestamp, size));
        }

        List<String> removed = new ArrayList<>();
        for (PluginRecord old : previous.values()) {
            if (old.current().isEmpty()) {
                next.put(old.unversionedName(), old);
                continue;
            }
            FileVersion last = old.current().get();
            List<PreviousVersion> history = new ArrayList<>(old.previous());
            history.add(new PreviousVersion(old.filename(), last.checksum(), last.timestamp(), timestamp));
            next.put(old.unversionedName(), new PluginRecord(old.filename(), old.platforms(), Optional.empty(),
                    history));
            removed.add(old.filename());
        }

        List<PluginRecord> records = next.values().stream()
                .sorted(Comparator.comparing(PluginRecord::filename)).toList();
        return new Release(timestamp, records, List.copyOf(uploads), List.copyOf(unchanged), List.copyOf(removed));
    }
}
