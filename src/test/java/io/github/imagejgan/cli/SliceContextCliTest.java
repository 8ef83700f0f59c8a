package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.github.imagejgan.testing.StackPlanes.differingSlices;
import static io.github.imagejgan.testing.StackPlanes.pixels;
import static io.github.imagejgan.testing.StackPlanes.shuffle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.ImagePlus;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.image.UnsupportedImageException;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.synth.NucleiVolumePhantom;
import io.github.imagejgan.synth.SyntheticVolumes;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.testing.ZipFiles;

/** 2.5D denoising: trained on z-stacks with --slices, run on stacks, each slice restored from its neighbours. */
class SliceContextCliTest {

    @TempDir
    static Path dir;

    static Path model;
    static String trainingOutput;

    private static final NucleiVolumePhantom PHANTOM = new NucleiVolumePhantom(40, 40, 6, 2, 20, 4, 8, 1.2, 3, 10,
            200);

    @BeforeAll
    static void train() throws IOException {
        Path clean = dir.resolve("clean");
        SyntheticVolumes.write(clean, PHANTOM, 3, 5);
        model = dir.resolve("stack-denoiser.zip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] { "train", "--task", "denoise", "--clean", clean.toString(), "--degradation",
                "poisson-gaussian:photonsPerUnit=0.2", "--slices", "3", "--out", model.toString(), "--work",
                dir.resolve("work").toString(), "--steps", "3", "--features", "4", "--depth", "2", "--patch", "32",
                "--batch", "2", "--seed", "3", "--device", "cpu" }, new PrintStream(out, true,
                        StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        trainingOutput = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, trainingOutput);
    }

    @Test
    void theModelSeesThreeSlicesAndRestoresOne() throws IOException {
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            assertEquals(3, loaded.descriptor().tiling().slices());
            assertEquals(3, loaded.descriptor().generator().inputChannels());
            assertEquals(1, loaded.descriptor().generator().outputChannels());
            assertEquals(1, loaded.descriptor().imageChannels());
        }
        String json = ZipFiles.text(model, "model.json");
        assertTrue(json.contains("\"sliceHalo\": 1"), json);
    }

    @Test
    void eachSliceDependsOnItsNeighboursAndOnNothingFurther() throws IOException {
        ImagePlus stack = SyntheticVolumes.image(PHANTOM, 99, "test");
        ImagePlus changed = stack.duplicate();
        // The same values in another order: the image's percentiles, and so its normalization, stay exactly the same.
        float[] third = (float[]) changed.getStack().getPixels(3);
        shuffle(third, new Random(1));
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            Predictor predictor = new Predictor(loaded);
            ImagePlus before = predictor.predict(stack, null, PredictionOptions.DEFAULT, TaskMonitor.NONE);
            ImagePlus after = predictor.predict(changed, null, PredictionOptions.DEFAULT, TaskMonitor.NONE);
            assertEquals(6, after.getStackSize());
            assertEquals(40, after.getWidth());
            assertEquals(List.of(2, 3, 4), differingSlices(before, after),
                    "slice 3 and its neighbours change, no other slice does");
        }
    }

    @Test
    void aStackFarFromTheTrainingSliceSpacingIsRunWithAWarning() throws IOException {
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            assertEquals(2.0, loaded.descriptor().tiling().sliceSpacing(), 1e-9, "from the training stacks' "
                    + "calibration");
        }
        ImagePlus stack = SyntheticVolumes.image(PHANTOM, 99, "far.tif");
        stack.getCalibration().pixelDepth = 2.5;
        assertEquals(List.of(), operationLog(stack, false), "within a factor of 1.5: no warning");
        stack.getCalibration().pixelDepth = 6;
        List<String> log = operationLog(stack, false);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("slices are 2.00 pixel widths apart; the slices of far.tif are 6.00 apart"),
                log.get(0));
    }

    @Test
    void aPreviewShowsTheDisplayedSliceAsTheWholeRunRestoresIt() throws IOException {
        ImagePlus stack = SyntheticVolumes.image(PHANTOM, 99, "stack.tif");
        stack.setZ(4);
        Operation whole = new Operation(ModelTask.DENOISE, model.toString(), OutputType.FLOAT32, "auto", "cpu", 0,
                false, false);
        Operation preview = new Operation(ModelTask.DENOISE, model.toString(), OutputType.FLOAT32, "auto", "cpu", 0,
                true, false);
        ImagePlus all = whole.run(stack, i -> null, TaskMonitor.NONE, line -> { });
        ImagePlus shown = preview.run(stack, i -> null, TaskMonitor.NONE, line -> { });
        assertEquals(1, shown.getStackSize());
        assertTrue(shown.getTitle().endsWith("(preview)"), shown.getTitle());
        float[] expected = pixels(all, 4);
        float[] got = pixels(shown, 1);
        double error = 0;
        double range = 0;
        for (int i = 0; i < got.length; i++) {
            error = Math.max(error, Math.abs(got[i] - expected[i]));
            range = Math.max(range, Math.abs(expected[i]));
        }
        // The preview normalizes by its five slices rather than the whole stack, so it is close, not identical.
        assertTrue(error < 0.05 * range, "preview differs by " + error + " of " + range);
    }

    private static List<String> operationLog(ImagePlus stack, boolean preview) throws IOException {
        List<String> log = new ArrayList<>();
        Operation operation = new Operation(ModelTask.DENOISE, model.toString(), OutputType.FLOAT32, "auto", "cpu", 0,
                preview, false);
        operation.run(stack, i -> null, TaskMonitor.NONE, log::add);
        log.removeIf(line -> !line.contains("Warning"));
        return log;
    }

    @Test
    void aSingleImageIsRefusedWithTheReason() throws IOException {
        ImagePlus stack = SyntheticVolumes.image(PHANTOM, 99, "test");
        ImagePlus single = new ImagePlus("one", stack.getStack().getProcessor(1));
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            UnsupportedImageException e = assertThrows(UnsupportedImageException.class, () -> new Predictor(loaded)
                    .predict(single, null, PredictionOptions.DEFAULT, TaskMonitor.NONE));
            assertTrue(e.getMessage().contains("3 neighbouring slices") && e.getMessage().contains("single slice"),
                    e.getMessage());
        }
    }

    @Test
    void anEvenSliceCountOrSingleImagesForTrainingAreRefused() throws IOException {
        Path flat = Files.createDirectories(dir.resolve("flat"));
        ImagePlus stack = SyntheticVolumes.image(PHANTOM, 7, "x");
        ImageFiles.saveTiff(new ImagePlus("a", stack.getStack().getProcessor(1)),
                flat.resolve("a.tif"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        String[] even = { "train", "--task", "denoise", "--clean", flat.toString(), "--degradation",
            "gaussian:sigma=5", "--slices", "4", "--out", dir.resolve("even.zip").toString(), "--steps", "1" };
        assertEquals(2, Main.run(even, quiet, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--slices must be an odd number"), err.toString());
        err.reset();
        String[] flatStacks = { "train", "--task", "denoise", "--clean", flat.toString(), "--degradation",
            "gaussian:sigma=5", "--slices", "3", "--out", dir.resolve("flat.zip").toString(), "--steps", "1",
            "--patch", "32" };
        assertFalse(Main.run(flatStacks, quiet, errors) == 0);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs z-stacks: a.tif has a single slice"),
                err.toString());
        assertFalse(Files.exists(dir.resolve("flat.zip")));
    }
}
