package io.github.imagejgan.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder a prediction batch writes into. It is checked before any work: not a file, creatable, writable, and not
 * a folder that holds inputs (outputs would replace them, or be taken as inputs by the next run). While open it is
 * shared safely with other runs writing into it.
 */
final class OutputFolder implements AutoCloseable {

    /** Temporary files a killed run left behind (see AtomicFiles): hidden, with a UUID before the extension. */
    private static final Pattern STALE = Pattern.compile("^\\..*-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.tiff?$");

    private final Path folder;
    private final OutputFolderLock lock;

    private OutputFolder(Path folder, OutputFolderLock lock) {
        this.folder = folder;
        this.lock = lock;
    }

    /**
     * Checks and creates {@code folder} for outputs of {@code inputs}; when no other run writes there, removes the
     * temporaries of killed runs.
     *
     * @throws UsageException if it is a file, cannot be created or written, or holds an input
     */
    static OutputFolder open(Path folder, List<Path> inputs) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UsageException("--out " + folder + " is a file, not a folder: give a folder for the outputs.");
        }
        if (Files.isDirectory(folder)) {
            requireNoInputsIn(folder, inputs);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UsageException("Cannot create the output folder " + folder + ": " + reason(e) + ".");
        }
        try {
            return new OutputFolder(folder, OutputFolderLock.join(folder, () -> removeStale(folder)));
        } catch (IOException e) {
            throw new UsageException("Cannot write into the output folder " + folder + ": " + reason(e) + ".");
        }
    }

    /** Where the output for {@code input} goes. */
    Path target(Path input) {
        return folder.resolve(InputFiles.outputName(input));
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }

    /**
     * NB: compares the real path of the folder that holds each input's name (not of a linked file's target), since
     * an output replaces a name in the folder.
     */
    private static void requireNoInputsIn(Path folder, List<Path> inputs) throws IOException {
        Path real = folder.toRealPath();
        Set<Path> holders = new HashSet<>();
        for (Path input : inputs) {
            Path holder = input.toAbsolutePath().getParent();
            if (holders.add(holder) && holder.toRealPath().equals(real)) {
                throw new UsageException("--out " + folder + " holds input images (" + input + "): outputs would "
                        + "replace them, or be read as inputs by the next run. Choose another output folder.");
            }
        }
    }

    private static void removeStale(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> STALE.matcher(p.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** What the operating system said, in words (Java's exceptions often carry only the path). */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            // Where the parent exists, as createDirectories ensures, this is a place that takes no new entries.
            return "this place does not take new files or folders";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage();
    }
}
