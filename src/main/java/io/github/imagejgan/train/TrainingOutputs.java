package io.github.imagejgan.train;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.imagejgan.task.UserException;

/**
 * Where a training writes: its checkpoint folder ({@code <name>-last.zip}, {@code <name>-best.zip}) and the folders
 * of the finished model. {@link #prepare} checks them before the first step, so a run never trains for hours to
 * fail at the end; {@link #failure} says which checkpoints survive a failure that comes late anyway (a full disk).
 */
public final class TrainingOutputs {

    private final Path folder;
    private final String modelName;

    private TrainingOutputs(Path folder, String modelName) {
        this.folder = folder;
        this.modelName = modelName;
    }

    /** The checkpoint of a run's latest state. */
    public static Path last(Path folder, String modelName) {
        return folder.resolve(modelName + "-last.zip");
    }

    /** The checkpoint with a run's best validation score. */
    public static Path best(Path folder, String modelName) {
        return folder.resolve(modelName + "-best.zip");
    }

    /**
     * Creates the checkpoint folder and the folders of {@code modelFiles}, and checks that each can take a new file.
     *
     * @throws UserException naming the place that cannot be written and why
     */
    public static TrainingOutputs prepare(Path checkpointFolder, String modelName, Path... modelFiles) {
        requireWritable(checkpointFolder, "the checkpoint folder");
        for (Path file : modelFiles) {
            if (Files.isDirectory(file)) {
                throw new UserException("The model file " + file + " is an existing folder: give a file name, e.g. "
                        + file.resolve(modelName + ".zip") + ".");
            }
            requireWritable(file.toAbsolutePath().getParent(), "the folder of the model " + file.getFileName());
        }
        return new TrainingOutputs(checkpointFolder, modelName);
    }

    /** Creates {@code folder} if needed and writes and deletes a probe file in it: the one check that is sure. */
    private static void requireWritable(Path folder, String what) {
        try {
            Files.createDirectories(folder);
            Files.delete(Files.createTempFile(folder, ".imagej-gan-probe-", ".tmp"));
        } catch (IOException e) {
            throw new UserException("Cannot write to " + what + " " + folder + " (" + reason(e) + "): choose a "
                    + "folder you can write to before training.", e);
        }
    }

    /**
     * A failure after training began, with where its checkpoints are, so that no finished step is lost unnoticed.
     */
    public UserException failure(Exception cause) {
        String reason = reason(cause);
        return new UserException("Training failed: " + reason + (reason.endsWith(".") ? " " : ". ") + kept(), cause);
    }

    /** A sentence naming the checkpoints on disk. */
    public String kept() {
        List<String> kept = new ArrayList<>();
        if (Files.isRegularFile(best(folder, modelName))) {
            kept.add("the best model so far is " + best(folder, modelName));
        }
        if (Files.isRegularFile(last(folder, modelName))) {
            kept.add("the checkpoint to resume from is " + last(folder, modelName));
        }
        return kept.isEmpty() ? "No checkpoint was written." : "Kept: " + String.join("; ", kept) + ".";
    }

    /** What went wrong in words: file-system errors otherwise say only the path. */
    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "a file is in the way: " + f.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT) + ": " + f.getFile();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
