package io.github.imagejgan.interop.torchscript;

import io.github.imagejgan.interop.ExportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Python interpreter with PyTorch and NumPy, found on this machine and run as a separate process. Networks built
 * here in Java have no TorchScript form of their own; a Python script rebuilds them layer by layer in PyTorch and
 * saves that.
 */
final class PythonTorch {

    static final String PROPERTY = "imagejgan.python";
    static final String ENVIRONMENT = "IMAGEJ_GAN_PYTHON";
    private static final long CHECK_SECONDS = 120;
    private static final long RUN_SECONDS = 1800;

    /** Interpreters found so far, by the candidates searched; checking one takes seconds (importing torch). */
    private static final Map<List<String>, PythonTorch> FOUND = new ConcurrentHashMap<>();

    private final String executable;
    private final String torchVersion;

    private PythonTorch(String executable, String torchVersion) {
        this.executable = executable;
        this.torchVersion = torchVersion;
    }

    /**
     * Finds an interpreter that imports torch and numpy: {@code stated} if given, else the system property, the
     * environment variable, {@code python3} on the path and {@code /usr/bin/python3}.
     *
     * @throws ExportException if none does, with what was tried and how to install PyTorch
     */
    static PythonTorch locate(String stated) {
        Set<String> candidates = new LinkedHashSet<>();
        if (stated != null && !stated.isBlank()) {
            candidates.add(stated);
        } else {
            String property = System.getProperty(PROPERTY);
            String environment = System.getenv(ENVIRONMENT);
            if (property != null && !property.isBlank()) {
                candidates.add(property);
            }
            if (environment != null && !environment.isBlank()) {
                candidates.add(environment);
            }
            candidates.add("python3");
            candidates.add("/usr/bin/python3");
        }
        PythonTorch known = FOUND.get(List.copyOf(candidates));
        if (known != null) {
            return known;
        }
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates) {
            try {
                Result r = run(candidate, List.of("-c", "import numpy, torch; print(torch.__version__)"), null,
                        CHECK_SECONDS);
                if (r.exitCode == 0) {
                    PythonTorch found = new PythonTorch(candidate, r.stdout.strip().replaceFirst("\\+.*$", ""));
                    FOUND.put(List.copyOf(candidates), found);
                    return found;
                }
                tried.add(candidate + " (" + lastLine(r.stderr) + ")");
            } catch (IOException e) {
                tried.add(candidate + " (" + e.getMessage() + ")");
            }
        }
        throw new ExportException("Exporting a network trained in imagej-gan needs Python 3 with PyTorch and NumPy, "
                + "which rebuild it in PyTorch. Tried: " + String.join("; ", tried) + ". Install them (Debian or "
                + "Ubuntu: sudo apt-get install python3-torch; elsewhere: pip install torch numpy), or name the "
                + "interpreter with -D" + PROPERTY + "=/path/to/python3 or the environment variable " + ENVIRONMENT
                + ".");
    }

    String executable() {
        return executable;
    }

    /** The PyTorch version the interpreter imports, e.g. {@code 1.13.0}. */
    String torchVersion() {
        return torchVersion;
    }

    /**
     * Runs a script with arguments in {@code folder}.
     *
     * @return its standard output
     * @throws ExportException if it fails, with the end of its error output
     */
    String runScript(Path script, List<String> arguments, Path folder) throws IOException {
        List<String> all = new ArrayList<>();
        all.add(script.toString());
        all.addAll(arguments);
        Result r = run(executable, all, folder, RUN_SECONDS);
        if (r.exitCode != 0) {
            throw new ExportException("The PyTorch export script failed (exit code " + r.exitCode + "): "
                    + tail(r.stderr));
        }
        return r.stdout;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(String executable, List<String> arguments, Path folder, long seconds)
            throws IOException {
        Path logs = Files.createTempDirectory("imagej-gan-python");
        Path out = logs.resolve("stdout.txt");
        Path err = logs.resolve("stderr.txt");
        try {
            List<String> command = new ArrayList<>();
            command.add(executable);
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (folder != null) {
                builder.directory(folder.toFile());
            }
            Process process = builder.start();
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(executable + " did not finish within " + seconds + " seconds");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + executable, e);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(logs);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "no output" : lines[lines.length - 1];
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.isEmpty() ? "no error output" : t.length() > 2000 ? "..." + t.substring(t.length() - 2000) : t;
    }
}
