package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.testing.ZipFiles;

/**
 * The command line run from the plugin's jar, as {@code java -jar imagej-gan-<version>.jar} with {@code lib/} runs
 * it, with no property naming the models: it finds them in {@code models/} beside the jar, and where there are none
 * it says where it looked.
 */
class ModelsBesideTheJarTest {

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    @Test
    void aJarFindsTheModelsBesideItOrSaysWhereToPutThem() throws IOException, InterruptedException {
        Path release = Files.createDirectories(dir.resolve("release"));
        Path jar = pluginJar(release.resolve("imagej-gan-0.1.0.jar"));

        Run none = cli(jar, "models", "list");
        assertEquals(0, none.exit(), none.output());
        assertTrue(none.output().contains("No models found: shipped models are looked for in "
                + release.resolve("models") + " or " + dir.resolve("models") + ", yours in " + dir.resolve("user")),
                none.output());
        Run missing = cli(jar, "denoise", "--model", "denoise-fluorescence", "--out", dir.resolve("out").toString(),
                "samples/filaments-noisy.tif");
        assertTrue(missing.output().contains("there are no models at all (shipped models are looked for in "
                + release.resolve("models")), missing.output());

        Path models = Files.createDirectories(release.resolve("models"));
        Files.copy(Path.of("models", "denoise-general.zip"), models.resolve("denoise-general.zip"));
        Run list = cli(jar, "models", "list");
        assertEquals(0, list.exit(), list.output());
        assertTrue(list.output().matches("(?s).*denoise-general +denoise .* shipped +"
                + models.resolve("denoise-general.zip").toString().replace("\\", "\\\\") + ".*"), list.output());
        // A macro or script written for the retired fixed-level model runs the one that replaced it.
        Run retired = cli(jar, "denoise", "--model", "denoise-fluorescence", "--out", dir.resolve("out").toString(),
                "samples/filaments-noisy.tif");
        assertEquals(0, retired.exit(), retired.output());
        assertTrue(retired.output().contains("its name now runs 'denoise-general'"), retired.output());
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("filaments-noisy.tif")), retired.output());
    }

    /** The plugin's compiled classes in a jar, as the build packs them. */
    private static Path pluginJar(Path jar) throws IOException {
        Path classes = Path.of("target", "classes");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.put(classes.relativize(f).toString().replace(File.separatorChar, '/'), Files.readAllBytes(f));
            }
        }
        return ZipFiles.write(jar, entries);
    }

    /** The command line with the jar in place of the build's class folders, the libraries as they are. */
    private Run cli(Path jar, String... args) throws IOException, InterruptedException {
        String testPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String libraries = Arrays.stream(testPath.split(File.pathSeparator)).filter(e -> e.endsWith(".jar"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Dimagejgan.user.models="
                        + dir.resolve("user"), "-cp", jar + File.pathSeparator + libraries, Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
        return new Run(process.exitValue(), output);
    }
}
