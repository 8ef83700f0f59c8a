package io.github.imagejgan.metrics.distribution.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.Adler32;

import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.metrics.distribution.WeightsUnavailableException;
import io.github.imagejgan.task.TaskMonitor;

/**
 * A file fetched once from a URL into a cache and checked against a known Adler-32 checksum (the checksum the
 * Deeplearning4j zoo publishes for its weights). The download goes to a temporary file that is renamed into place
 * only once complete and correct, so an interrupted or corrupt download never counts as cached.
 */
final class CachedDownload {

    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int READ_TIMEOUT_MS = 120_000;

    private final URL source;
    private final long adler32;
    private final Path target;

    CachedDownload(URL source, long adler32, Path target) {
        this.source = source;
        this.adler32 = adler32;
        this.target = target;
    }

    Path target() {
        return target;
    }

    URL source() {
        return source;
    }

    boolean isCached() {
        return Files.isRegularFile(target);
    }

    /** Whether the cached file has the expected checksum. */
    boolean isIntact() throws IOException {
        Adler32 checksum = new Adler32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(target)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                checksum.update(buffer, 0, n);
            }
        }
        return checksum.getValue() == adler32;
    }

    /** Downloads into the cache, reporting progress in megabytes; cancellable between blocks. */
    void fetch(TaskMonitor monitor, Consumer<String> log) {
        String what = target.getFileName().toString();
        try {
            URLConnection connection = source.openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            long length = connection.getContentLengthLong();
            log.accept("Downloading " + source + (length > 0 ? " (" + megabytes(length) + ")" : "") + " to "
                    + target + "; this happens once.");
            AtomicFiles.write(target, tmp -> {
                Adler32 checksum = new Adler32();
                byte[] buffer = new byte[1 << 16];
                long done = 0;
                try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
                    for (int n; (n = in.read(buffer)) > 0;) {
                        out.write(buffer, 0, n);
                        checksum.update(buffer, 0, n);
                        done += n;
                        monitor.checkCancelled();
                        monitor.progress(done, Math.max(length, done), "Downloading " + what + ": " + megabytes(done)
                                + (length > 0 ? " of " + megabytes(length) : ""));
                    }
                }
                if (checksum.getValue() != adler32) {
                    throw new WeightsUnavailableException("The download of " + source + " is corrupt (Adler-32 "
                            + checksum.getValue() + ", expected " + adler32 + ", " + done + " bytes); it was not kept."
                            + " Try again, or download the file yourself and choose it as the network file.");
                }
            });
        } catch (IOException e) {
            throw new WeightsUnavailableException("Could not download " + source + " (" + e
                    + "). Without internet access, download that file on another computer and choose it as the "
                    + "network file, or copy it to " + target + ".", e);
        }
        log.accept("Saved " + target + ".");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
