package io.github.imagejgan.image;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether an image fits in the Java heap this run has left, asked before its pixels are read: a file whose header
 * declares more fails with a message that names the size and the {@code -Xmx} that would do, instead of an
 * OutOfMemoryError that ends a whole batch.
 */
public final class HeapBudget {

    /** Reading holds the image; processing it holds a result of about its size beside it. */
    private static final int PROCESSING_FACTOR = 2;
    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;

    private HeapBudget() {
    }

    /**
     * @throws ImageTooLargeException if reading and processing an image of this size would not fit in the heap left
     */
    static void check(Path file, DeclaredSize size) {
        long needed = size.bytes() > Long.MAX_VALUE / PROCESSING_FACTOR ? Long.MAX_VALUE
                : size.bytes() * PROCESSING_FACTOR;
        if (needed <= available()) {
            return;
        }
        // NB: what earlier images left behind counts as used until it is collected; collect once before refusing.
        System.gc();
        long available = available();
        if (needed <= available) {
            return;
        }
        throw new ImageTooLargeException(file.getFileName() + " declares " + size.describe() + "; reading and "
                + "processing it needs about " + text(needed) + ", but this run has " + text(available) + " of memory "
                + "left. " + advice(used(), needed));
    }

    /** The error for an image that ran out of memory although no header said it would (or there was none to read). */
    public static ImageTooLargeException outOfMemory(Path file) {
        long max = Runtime.getRuntime().maxMemory();
        return new ImageTooLargeException(file.getFileName() + " did not fit in this run's memory (at most "
                + text(max) + "). " + advice(max, max));
    }

    /** "7.9 GiB", or "300 MiB" below a GiB. */
    static String text(long bytes) {
        return bytes >= GIB ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB)
                : ((bytes + MIB - 1) / MIB) + " MiB";
    }

    private static String advice(long used, long needed) {
        if (needed > Long.MAX_VALUE - used) {
            return "No computer has that much: the file's header is wrong or damaged.";
        }
        // Whole GiB above what the run would hold, and one to spare for the rest of the run.
        return "Start Java with more memory (-Xmx" + ((used + needed) / GIB + 2) + "g), or split the image into "
                + "smaller files.";
    }

    private static long used() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long available() {
        return Runtime.getRuntime().maxMemory() - used();
    }
}
