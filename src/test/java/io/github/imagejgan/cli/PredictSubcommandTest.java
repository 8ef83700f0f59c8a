package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.ImageFiles;

/** The prediction batch refuses what would lose data or silently do something else, before touching any file. */
class PredictSubcommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void models() throws IOException {
        TestModels.useDenoiseTestModel(dir);
    }

    @AfterEach
    void forget() {
        TestModels.forgetModelFolders();
    }

    /** Writes a tiny 16-bit image (or 8-bit, for formats without 16 bits) and returns its path. */
    static Path image(Path file, int size) throws IOException {
        Files.createDirectories(file.getParent());
        boolean tiff = file.toString().endsWith(".tif");
        ImagePlus imp = IJ.createImage("img", (tiff ? "16-bit" : "8-bit") + " ramp", size, size, 1);
        if (tiff) {
            ImageFiles.saveTiff(imp, file);
        } else {
            new FileSaver(imp).saveAsPng(file.toString());
        }
        return file;
    }

    private static CliTest.Result denoise(Path out, String... rest) {
        List<String> args = new ArrayList<>(List.of("denoise", "--model", "denoise-test", "--device", "cpu",
                "--out", out.toString()));
        args.addAll(List.of(rest));
        return CliTest.cli(args.toArray(String[]::new));
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anOutputFolderThatHoldsInputsIsRefusedHoweverItIsSpelled() throws IOException {
        Path in = dir.resolve("in");
        byte[] original = Files.readAllBytes(image(in.resolve("x.tif"), 16));
        image(in.resolve("y.tif"), 16);
        Path link = Files.createSymbolicLink(dir.resolve("link"), in);
        for (Path out : List.of(in, dir.resolve("in/../in"), link)) {
            CliTest.Result r = denoise(out, "--overwrite", in.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("holds input images") && r.err().contains("Choose another output folder"),
                    r.err());
        }
        Path other = dir.resolve("other");
        image(other.resolve("z.tif"), 16);
        CliTest.Result oneInputInside = denoise(other, "--overwrite", in.toString(), other.resolve("z.tif")
                .toString());
        assertEquals(2, oneInputInside.code(), oneInputInside.err());
        assertArrayEquals(original, Files.readAllBytes(in.resolve("x.tif")), "the input is untouched");
        assertEquals(List.of("x.tif", "y.tif"), listing(in));
        assertEquals(List.of("z.tif"), listing(other));
    }

    @Test
    void inputsThatWouldShareAnOutputNameAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path a = image(dir.resolve("a/x.tif"), 16);
        Path b = image(dir.resolve("b/x.tif"), 16);
        Path out = dir.resolve("out");
        CliTest.Result folders = denoise(out, dir.resolve("a").toString(), dir.resolve("b").toString());
        assertEquals(2, folders.code(), folders.err());
        assertTrue(folders.err().contains("x.tif <- " + a + ", " + b), folders.err());
        Path png = image(dir.resolve("c/y.png"), 16);
        Path tif = image(dir.resolve("c/y.tif"), 16);
        CliTest.Result formats = denoise(out, dir.resolve("c").toString());
        assertEquals(2, formats.code(), formats.err());
        assertTrue(formats.err().contains("y.tif <- " + png + ", " + tif), formats.err());
        assertFalse(Files.exists(out), "nothing written, not even the folder");
        CliTest.Result sameFileTwice = denoise(out, a.toString(), dir.resolve("a/./x.tif").toString());
        assertEquals(0, sameFileTwice.code(), "one file named twice is one input: " + sameFileTwice.err());
        assertTrue(sameFileTwice.out().contains("1 written, 0 skipped"), sameFileTwice.out());
    }

    @Test
    void wrongOptionValuesExitWithUsageOnceBeforeAnyFileIsTouched() throws IOException {
        Path in = dir.resolve("in");
        for (int i = 0; i < 3; i++) {
            image(in.resolve("img" + i + ".tif"), 16);
        }
        Path out = dir.resolve("out");
        List<List<String>> wrong = List.of(
                List.of("--tile", "abc", "Tile size must be 'auto' or a whole number of pixels from 16 to 16384"),
                List.of("--tile", "8", "got '8'"),
                List.of("--device", "tpu", "use auto, cpu, gpu or gpu:N"),
                List.of("--device", "gpu:x", "use auto, cpu, gpu or gpu:N"),
                List.of("--channel", "-1", "Channel must be 0 (every channel) or a channel number"),
                List.of("--output-type", "double", "--output-type is 'same' or 'float'"),
                List.of("--direction", "b-to-a", "--direction is for style transfer only"),
                List.of("--strength", "2", "Strength is 'auto' or a number from 0"),
                List.of("--adapt", "30", "--adapt is for inpainting only"),
                List.of("--overwrite=maybe", "--overwrite is a switch"));
        for (List<String> option : wrong) {
            List<String> args = new ArrayList<>(option.subList(0, option.size() - 1));
            args.add(in.toString());
            CliTest.Result r = denoise(out, args.toArray(String[]::new));
            String message = option.get(option.size() - 1);
            assertEquals(2, r.code(), option + ": " + r.err());
            assertEquals(1, r.err().split(java.util.regex.Pattern.quote(message), -1).length - 1,
                    option + " is reported once: " + r.err());
        }
        CliTest.Result sideways = CliTest.cli("style", "--model", "denoise-test", "--out", out.toString(),
                "--direction", "sideways", in.toString());
        assertEquals(2, sideways.code(), sideways.err());
        assertTrue(sideways.err().contains("--direction is 'a-to-b' or 'b-to-a', got 'sideways'"), sideways.err());
        CliTest.Result negative = CliTest.cli("inpaint", "--model", "inpaint-test", "--out", out.toString(),
                "--adapt", "-1", in.toString());
        assertEquals(2, negative.code(), negative.err());
        assertTrue(negative.err().contains("Adaptation steps must be 0 (off)"), negative.err());
        for (String strength : List.of("2", "-0.5", "strong")) {
            CliTest.Result wrongStrength = CliTest.cli("sr", "--model", "denoise-test", "--out", out.toString(),
                    "--strength", strength, in.toString());
            assertEquals(2, wrongStrength.code(), wrongStrength.err());
            assertTrue(wrongStrength.err().contains("Strength is 'auto' or a number from 0 (the classical method"),
                    wrongStrength.err());
        }
        assertFalse(Files.exists(out), "no option error touches the output folder");
    }

    @Test
    void aChannelTheImageLacksFailsThatFileInsteadOfRunningAnother() throws IOException {
        Path input = image(dir.resolve("in/x.tif"), 16);
        Path out = dir.resolve("out");
        CliTest.Result r = denoise(out, "--channel", "5", input.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("x.tif failed: Channel 5 does not exist: the image has 1 channel."), r.err());
        assertFalse(Files.exists(out.resolve("x.tif")));
        assertEquals(0, denoise(out, "--channel", "1", input.toString()).code(), "its one channel is channel 1");
    }

    @Test
    void aSwitchGivenWithAValueIsHonoured() throws IOException {
        Path input = image(dir.resolve("in/x.tif"), 16);
        Path out = dir.resolve("out");
        Path target = image(out.resolve("x.tif"), 8);
        CliTest.Result kept = denoise(out, "--overwrite=false", input.toString());
        assertEquals(0, kept.code(), kept.err());
        assertTrue(kept.out().contains("0 written, 1 skipped"), kept.out());
        CliTest.Result replaced = denoise(out, "--overwrite=TRUE", input.toString());
        assertEquals(0, replaced.code(), replaced.err());
        assertTrue(replaced.out().contains("1 written, 0 skipped"), replaced.out());
        assertEquals(16, IJ.openImage(target.toString()).getWidth(), "the output was replaced");
    }

    @Test
    void anOutputPlaceThatIsAFileOrCannotBeMadeIsExplained() throws IOException {
        Path input = image(dir.resolve("in/x.tif"), 16);
        Path file = Files.writeString(dir.resolve("afile"), "keep me");
        CliTest.Result aFile = denoise(file, input.toString());
        assertEquals(2, aFile.code(), aFile.err());
        assertTrue(aFile.err().contains("--out " + file + " is a file, not a folder"), aFile.err());
        assertEquals("keep me", Files.readString(file));
        CliTest.Result under = denoise(file.resolve("sub"), input.toString());
        assertEquals(2, under.code(), under.err());
        assertTrue(under.err().contains("Cannot create the output folder " + file.resolve("sub") + ": not a "
                + "directory."), under.err());
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc to try");
        CliTest.Result proc = denoise(Path.of("/proc/imagej-gan-out"), input.toString());
        assertEquals(2, proc.code(), proc.err());
        assertTrue(proc.err().contains("Cannot create the output folder /proc/imagej-gan-out: this place does not "
                + "take new files or folders."), proc.err());
    }
}
