package io.github.imagejgan.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.github.imagejgan.image.ImageFiles;

/**
 * Image files named on a command line: files, folders (their images, not recursive) and glob patterns such as
 * {@code data/*.tif} (for shells that pass them through unexpanded, and for Windows).
 */
final class InputFiles {

    private InputFiles() {
    }

    static List<Path> expand(List<String> arguments) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        for (String a : arguments) {
            if (a.contains("*") || a.contains("?")) {
                Path pattern = Path.of(a);
                Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
                files.addAll(list(dir, p -> matcher.matches(p.getFileName())));
            } else {
                Path p = Path.of(a);
                if (Files.isDirectory(p)) {
                    files.addAll(list(p, ImageFiles::isImageName));
                } else if (Files.isRegularFile(p)) {
                    files.add(p);
                } else {
                    throw new UsageException("No such file or folder: " + a);
                }
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("No input images found in " + arguments + ".");
        }
        return new ArrayList<>(files);
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(keep).sorted().toList();
        }
    }

    /** The output file for an input: same base name, TIFF. */
    static Path outputFor(Path input, Path folder) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return folder.resolve((dot > 0 ? name.substring(0, dot) : name) + ".tif");
    }
}
