package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;

class InteropSubcommandTest {

    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/io/github/imagejgan/interop/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    private String run(String command, String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new InteropSubcommand(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(command,
                new CommandLine(List.of(args), InteropSubcommand.flags()));
        assertEquals(0, code);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importsWithStatedOptionsAndExportsImportedModelsWithoutPython() throws IOException {
        Path pt = resource("pix2pix-tiny.pt");
        Path pkg = dir.resolve("p2p.zip");
        String out = run("import-torchscript", pt.toString(), "--out", pkg.toString(), "--name", "facades",
                "--task", "style", "--channels", "1", "--halo", "12", "--range=-1:1", "--percentiles", "2:98");
        assertTrue(out.contains("Imported 'facades' (style, 1 channel(s) in, 1 out, scale 1, tile halo 12)"), out);
        ModelDescriptor d = ModelPackage.open(pkg).descriptor();
        assertEquals(ModelTask.STYLE, d.task());
        assertEquals(new ModelDescriptor.Normalization(2, 98).withNetworkRange(-1, 1), d.normalization());

        Path bioimage = dir.resolve("facades-bioimageio.zip");
        String exported = run("export-bioimageio", pkg.toString(), "--out", bioimage.toString(), "--author",
                "A. Author; B. Author", "--license", "MIT", "--python", "/no/such/python");
        assertTrue(exported.contains("Exported " + bioimage) && Files.size(bioimage) > 1000, exported);
        String again = run("import-bioimageio", bioimage.toString(), "--out", dir.resolve("again.zip").toString(),
                "--task", "style");
        assertTrue(again.contains("reproduces its test output"), again);
    }

    @Test
    void wrongCommandLinesAreExplained() {
        UsageException missing = assertThrows(UsageException.class, () -> run("import-torchscript", "a.pt"));
        assertTrue(missing.getMessage().contains("Missing --out"), missing.getMessage());
        UsageException channels = assertThrows(UsageException.class, () -> run("import-torchscript", "a.pt",
                "--out", "b.zip", "--channels", "three"));
        assertTrue(channels.getMessage().contains("--channels takes N or N:M"), channels.getMessage());
        UsageException unknown = assertThrows(UsageException.class, () -> run("export-torchscript", "a.zip",
                "--out", "b.pt", "--colour", "red"));
        assertTrue(unknown.getMessage().contains("Unknown option --colour"), unknown.getMessage());
        assertTrue(InteropSubcommand.HELP.lines().allMatch(l -> l.length() <= 120));
    }
}
