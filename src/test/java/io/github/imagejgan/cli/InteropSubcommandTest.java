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
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.interop.TestZips;
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
        Path facade = dir.resolve("facade.tif");
        float[] pixels = new float[90 * 70];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i % 90 + 2 * (i / 90) + (i % 7 == 0 ? 40 : 0);
        }
        ImageFiles.saveTiff(new ImagePlus("facade", new FloatProcessor(90, 70, pixels)), facade);
        String exported = run("export-bioimageio", pkg.toString(), "--out", bioimage.toString(), "--author",
                "A. Author; B. Author", "--license", "MIT", "--python", "/no/such/python", "--test-image",
                facade.toString());
        assertTrue(exported.contains("Exported " + bioimage) && Files.size(bioimage) > 1000, exported);
        long[] shape = NpyArray.read(TestZips.entries(bioimage).get("test_input.npy"), "test input").shape();
        assertTrue(shape[2] <= 70 && shape[2] > 60 && shape[3] <= 90 && shape[3] > 80, "the centre of the test image: "
                + Arrays.toString(shape));
        // No --task: the export recorded it.
        String again = run("import-bioimageio", bioimage.toString(), "--out", dir.resolve("again.zip").toString());
        assertTrue(again.contains("reproduces its test output") && again.contains("(style,"), again);
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
