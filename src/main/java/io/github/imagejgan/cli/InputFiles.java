package io.github.imagejgan.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.imagejgan.image.ImageFiles;

/**
 * Image files named on a command line: files, folders (their images, not recursive) and glob patterns such as
 * {@code data/*.tif} (for shells that pass them through unexpanded, and for Windows).
 */
final class InputFiles {

    private InputFiles() {
    }

    /** The files, each once however often it is named (as {@code x.tif} and {@code ./x.tif}), in sorted order. */
    static List<Path> expand(List<String> arguments) throws IOException {
        Map<Path, Path> files = new TreeMap<>();
        for (String a : arguments) {
            for (Path p : matches(a)) {
                files.putIfAbsent(p.toAbsolutePath().normalize(), p);
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("No input images found in " + arguments + ".");
        }
        return new ArrayList<>(files.values());
    }

    private static List<Path> matches(String argument) throws IOException {
        if (argument.contains("*") || argument.contains("?")) {
            Path pattern = Path.of(argument);
            Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
            return list(dir, p -> matcher.matches(p.getFileName()));
        }
        Path p = Path.of(argument);
        if (Files.isDirectory(p)) {
            return list(p, ImageFiles::isImageName);
        }
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        throw new UsageException("No such file or folder: " + argument);
    }

    private static List<Path> list(Path dir, Predicate<Path> keep) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(keep).sorted().toList();
        }
    }

    /** The name of the output for an input: same base name, TIFF. */
    static String outputName(Path input) {
        return ImageFiles.tiffName(input);
    }

    /**
     * Fails, before anything is written, when inputs would write the same output ({@code a/x.tif} and
     * {@code b/x.tif}, or {@code x.png} and {@code x.tif}), listing them. NB: outputs keep flat input names, as
     * Fiji's batch processing does, rather than mirroring input folders that may have no common root; names are
     * compared ignoring case because the file systems of macOS and Windows do.
     */
    static void requireDistinctOutputs(List<Path> inputs) {
        Map<String, List<Path>> byOutput = new TreeMap<>();
        for (Path input : inputs) {
            byOutput.computeIfAbsent(outputName(input).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(input);
        }
        List<String> clashes = byOutput.values().stream().filter(same -> same.size() > 1)
                .map(same -> outputName(same.get(0)) + " <- " + same.stream().map(Path::toString)
                        .collect(Collectors.joining(", ")))
                .toList();
        if (!clashes.isEmpty()) {
            throw new UsageException("Inputs would write the same output in --out (each output is the input's name "
                    + "with .tif):\n  " + String.join("\n  ", clashes) + "\nRename them, or run them into separate "
                    + "--out folders.");
        }
    }
}
