package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.spark.api.java.JavaSparkContext;

import io.github.imagejgan.cli.UsageException;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.predict.Operation;

/**
 * Restores many files on a cluster: the inputs (files, folders, globs on a file system every worker sees) are listed
 * on the driver, outputs that exist already are skipped there (unless overwrite), and the rest are cut into groups of
 * {@code filesPerTask} files, one Spark task each; by default ({@link #AUTO}) into {@value #TASKS_PER_CORE} tasks per
 * core of the cluster, so that the scheduling of a task is paid for many files while a slow task still has others to
 * share the load with. The summary counts written, skipped and failed files and lists
 * the failures; the exit status is the command line's (1 if any file failed).
 */
final class FileJob {

    /** Files per task chosen from the cluster's cores. */
    static final int AUTO = 0;

    /** Tasks per core with {@link #AUTO}. */
    static final int TASKS_PER_CORE = 4;

    private final Operation operation;
    private final String out;
    private final String mask;
    private final boolean overwrite;
    private final int filesPerTask;
    private final FileTask.AfterFile afterFile;

    FileJob(Operation operation, String out, String mask, boolean overwrite, int filesPerTask,
            FileTask.AfterFile afterFile) {
        if (filesPerTask < AUTO) {
            throw new UsageException("--files-per-task must be at least 1 (or auto), got " + filesPerTask + ".");
        }
        this.operation = operation;
        this.out = out;
        this.mask = mask;
        this.overwrite = overwrite;
        this.filesPerTask = filesPerTask;
        this.afterFile = afterFile;
    }

    /** Runs the job over the inputs; returns the exit status. */
    int run(JavaSparkContext spark, List<String> arguments, PrintStream log) throws IOException {
        List<String> inputs = expand(arguments);
        requireDistinctOutputs(inputs);
        requireNoInputsIn(inputs);
        Storage.createDirectories(out);
        Set<String> existing = new HashSet<>();
        for (String f : Storage.list(out)) {
            existing.add(Storage.name(f));
        }
        List<FileTask.Work> work = new ArrayList<>();
        List<FileResult> results = new ArrayList<>();
        for (String input : inputs) {
            String name = ImageFiles.tiffName(java.nio.file.Path.of(Storage.name(input)));
            String output = Storage.child(out, name);
            if (!overwrite && existing.contains(name)) {
                results.add(FileResult.skipped(input, output));
            } else {
                work.add(new FileTask.Work(input, output));
            }
        }
        if (!work.isEmpty()) {
            ModelShipment model = ModelShipment.of(spark, operation);
            int tasks = tasks(work.size(), spark.defaultParallelism());
            log.println("[imagej-gan] " + work.size() + " files in " + tasks + " tasks (" + results.size()
                    + " outputs exist: skipped, --overwrite replaces them)");
            results.addAll(spark.parallelize(work, tasks)
                    .mapPartitions(new FileTask(model, mask, overwrite, afterFile)).collect());
        }
        return summarize(results, log);
    }

    /** Tasks for {@code files} files on a cluster of {@code cores} cores. */
    int tasks(int files, int cores) {
        if (filesPerTask == AUTO) {
            return Math.max(1, Math.min(files, TASKS_PER_CORE * Math.max(1, cores)));
        }
        return (files + filesPerTask - 1) / filesPerTask;
    }

    /** Parses {@code --files-per-task}: a number, or "auto" ({@link #AUTO}). */
    static int filesPerTask(String value) {
        if (value == null || value.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // NB: the message below says what is accepted.
        }
        throw new UsageException("--files-per-task must be auto or a whole number of at least 1, got '" + value
                + "'.");
    }

    private static int summarize(List<FileResult> results, PrintStream log) {
        Map<FileResult.Status, List<FileResult>> by = results.stream()
                .collect(Collectors.groupingBy(FileResult::status));
        List<FileResult> failed = by.getOrDefault(FileResult.Status.FAILED, List.of());
        for (FileResult f : failed) {
            log.println("[imagej-gan] failed: " + f.input() + ": " + f.message());
        }
        log.println("[imagej-gan] " + by.getOrDefault(FileResult.Status.WRITTEN, List.of()).size() + " written, "
                + by.getOrDefault(FileResult.Status.SKIPPED, List.of()).size() + " skipped, " + failed.size()
                + " failed");
        return failed.isEmpty() ? 0 : 1;
    }

    /** The image files the arguments name, each once, sorted: files, folders (not recursive) and globs. */
    static List<String> expand(List<String> arguments) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        for (String a : arguments) {
            List<String> matches;
            if (a.contains("*") || a.contains("?") || a.contains("[") || a.contains("{")) {
                matches = Storage.glob(a);
            } else if (Storage.isDirectory(a)) {
                matches = Storage.list(a).stream()
                        .filter(f -> ImageFiles.isImageName(java.nio.file.Path.of(Storage.name(f)))).toList();
            } else if (Storage.exists(a)) {
                matches = List.of(a);
            } else {
                throw new UsageException("No such file or folder: " + a);
            }
            for (String m : matches) {
                files.putIfAbsent(qualified(m), m);
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("No input images found in " + arguments + ".");
        }
        return new ArrayList<>(files.values());
    }

    /** The same text for a location however it is spelled ({@code x.tif}, {@code ./x.tif}, {@code file:/.../x.tif}). */
    private static String qualified(String location) {
        return Storage.isLocal(location) ? Storage.localPath(location).toAbsolutePath().normalize().toString()
                : location;
    }

    /** Refuses inputs that would write the same output, as the command line does (names compared ignoring case). */
    private static void requireDistinctOutputs(List<String> inputs) {
        Map<String, List<String>> byOutput = new TreeMap<>();
        for (String input : inputs) {
            String name = ImageFiles.tiffName(java.nio.file.Path.of(Storage.name(input)));
            byOutput.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(input);
        }
        List<String> clashes = byOutput.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " <- " + String.join(", ", e.getValue())).toList();
        if (!clashes.isEmpty()) {
            throw new UsageException("Inputs would write the same output in --out (each output is the input's name "
                    + "with .tif):\n  " + String.join("\n  ", clashes) + "\nRename them, or run them into separate "
                    + "--out folders.");
        }
    }

    private void requireNoInputsIn(List<String> inputs) {
        String folder = qualified(out);
        for (String input : inputs) {
            String parent = qualified(new org.apache.hadoop.fs.Path(input).getParent().toString());
            if (parent.equals(folder)) {
                throw new UsageException("--out " + out + " holds input images (" + input + "): outputs would "
                        + "replace them, or be read as inputs by the next run. Choose another output folder.");
            }
        }
    }
}
