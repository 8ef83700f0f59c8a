package io.github.imagejgan.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Membership of the runs writing into one output folder, so that a run can tell whether it is alone there. Every
 * run holds a shared lock on a hidden lock file in the folder while it writes; a run that starts can take the lock
 * exclusively only when no other run holds it, and only then may it touch files that are not its own (the
 * temporaries a killed run left behind). The lock file stays: deleting it would let two runs lock two different
 * files of one name.
 * <p>
 * NB: the operating system's locks belong to the whole process, and Java refuses a second lock on a file this
 * process already locks, so runs within one process share one lock and count themselves here.
 */
final class OutputFolderLock implements AutoCloseable {

    static final String FILE_NAME = ".imagej-gan.lock";

    /** Work that is safe only while no other run writes into the folder. */
    @FunctionalInterface
    interface WhenAlone {
        void run() throws IOException;
    }

    /** A folder this process writes into: its locked file and how many runs of this process use it. */
    private static final class Held {
        final FileChannel channel;
        int runs = 1;

        Held(FileChannel channel) {
            this.channel = channel;
        }
    }

    /** Guarded by itself. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path folder;
    private boolean closed;

    private OutputFolderLock(Path folder) {
        this.folder = folder;
    }

    /**
     * Joins the runs writing into {@code folder}, an existing folder; runs {@code whenAlone} first if no other run
     * (in any process) writes there.
     *
     * @throws IOException if the lock file cannot be created (the folder is not writable)
     */
    static OutputFolderLock join(Path folder, WhenAlone whenAlone) throws IOException {
        Path key = folder.toRealPath();
        synchronized (HELD) {
            Held held = HELD.get(key);
            if (held != null) {
                held.runs++;
                return new OutputFolderLock(key);
            }
            FileChannel channel = FileChannel.open(key.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                lockShared(channel, whenAlone);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            HELD.put(key, new Held(channel));
            return new OutputFolderLock(key);
        }
    }

    private static void lockShared(FileChannel channel, WhenAlone whenAlone) throws IOException {
        FileLock exclusive;
        try {
            exclusive = channel.tryLock();
        } catch (IOException e) {
            // A file system without locks (some network mounts): other runs cannot be seen, so touch nothing.
            return;
        }
        if (exclusive != null) {
            try {
                whenAlone.run();
            } finally {
                exclusive.release();
            }
        }
        // Waits only while another run that starts holds the lock exclusively, which it does just to clean up.
        channel.lock(0, Long.MAX_VALUE, true);
    }

    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(folder);
            if (--held.runs == 0) {
                HELD.remove(folder);
                held.channel.close();
            }
        }
    }
}
