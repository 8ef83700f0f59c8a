package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.nn.UNet3dSpec;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.synth.NucleiVolumePhantom;
import io.github.imagejgan.synth.SyntheticVolumes;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.testing.ZipFiles;
import io.github.imagejgan.train.NeighbourPairs;

/**
 * Volumetric denoising: a 3D U-Net trained on z-stacks with --slices and --volumetric (against a 3D PatchGAN, and
 * self-supervised with blind spots), run on stacks window by window.
 */
class VolumetricCliTest {

    @TempDir
    static Path dir;

    static Path model;
    static String trainingOutput;

    private static final NucleiVolumePhantom PHANTOM = new NucleiVolumePhantom(40, 40, 9, 2, 20, 4, 8, 1.2, 3, 10,
            200);

    @BeforeAll
    static void train() throws IOException {
        Path clean = dir.resolve("clean");
        SyntheticVolumes.write(clean, PHANTOM, 3, 5);
        model = dir.resolve("volume-denoiser.zip");
        Result r = run("train", "--task", "denoise", "--clean", clean.toString(), "--degradation",
                "poisson-gaussian:photonsPerUnit=0.2", "--slices", "5", "--volumetric", "--gan", "--d-features", "4",
                "--out", model.toString(), "--work", dir.resolve("work").toString(), "--steps", "3", "--features",
                "4", "--depth", "2", "--patch", "32", "--batch", "2", "--seed", "3", "--device", "cpu");
        trainingOutput = r.output;
        assertEquals(0, r.code, trainingOutput);
    }

    @Test
    void theModelIsAVolumetricUNetThatSeesFiveSlices() throws IOException {
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            assertEquals(new UNet3dSpec(2, 2, 4, true), loaded.descriptor().generator());
            assertEquals(5, loaded.descriptor().tiling().slices());
            assertEquals(1, loaded.descriptor().imageChannels());
        }
        String json = ZipFiles.text(model, "model.json");
        assertTrue(json.contains("\"type\": \"unet3d\"") && json.contains("\"sliceHalo\": 2"), json);
    }

    @Test
    void itWasTrainedAgainstAVolumetricPatchGan() throws IOException {
        String json = ZipFiles.text(model, "model.json");
        assertTrue(json.contains("3D PatchGAN discriminator"), json);
        assertFalse(trainingOutput.contains("NaN"), trainingOutput);
    }

    @Test
    void eachSliceDependsOnTwoNeighboursOnEachSideAndOnNothingFurther() throws IOException {
        ImagePlus stack = SyntheticVolumes.image(PHANTOM, 99, "test");
        ImagePlus changed = stack.duplicate();
        // The same values in another order: the image's percentiles, and so its normalization, stay the same.
        shuffle((float[]) changed.getStack().getPixels(5), new Random(1));
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            Predictor predictor = new Predictor(loaded);
            ImagePlus before = predictor.predict(stack, null, PredictionOptions.DEFAULT, TaskMonitor.NONE);
            ImagePlus after = predictor.predict(changed, null, PredictionOptions.DEFAULT, TaskMonitor.NONE);
            assertEquals(9, after.getStackSize());
            assertEquals(List.of(3, 4, 5, 6, 7), differingSlices(before, after),
                    "slice 5 and two neighbours on each side change");
        }
    }

    @Test
    void smallTilesGiveExactlyTheResultOfOneTile() throws IOException {
        ImagePlus stack = SyntheticVolumes.image(PHANTOM, 98, "test");
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            Predictor predictor = new Predictor(loaded);
            ImagePlus whole = predictor.predict(stack, null, PredictionOptions.DEFAULT.withTileSize(256),
                    TaskMonitor.NONE);
            ImagePlus tiled = predictor.predict(stack, null, PredictionOptions.DEFAULT.withTileSize(8),
                    TaskMonitor.NONE);
            for (int z = 1; z <= 9; z++) {
                assertArrayEquals(pixels(whole, z), pixels(tiled, z), 1e-5f, "slice " + z);
            }
        }
    }

    @Test
    void aHyperstackIsRestoredAsOneVolumePerChannelAndTimePoint() throws IOException {
        ImagePlus first = SyntheticVolumes.image(PHANTOM, 97, "a");
        ImagePlus second = SyntheticVolumes.image(PHANTOM, 96, "b");
        // Channels a and b, two time points of the same volumes: each (channel, time point) is a volume of its own.
        ImageStack stack = new ImageStack(40, 40);
        for (int t = 0; t < 2; t++) {
            for (int z = 1; z <= 9; z++) {
                stack.addSlice(first.getStack().getProcessor(z).duplicate());
                stack.addSlice(second.getStack().getProcessor(z).duplicate());
            }
        }
        ImagePlus hyperstack = new ImagePlus("hyper", stack);
        hyperstack.setDimensions(2, 9, 2);
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            Predictor predictor = new Predictor(loaded);
            ImagePlus all = predictor.predict(hyperstack, null, PredictionOptions.DEFAULT, TaskMonitor.NONE);
            assertEquals(2, all.getNChannels());
            assertEquals(9, all.getNSlices());
            assertEquals(2, all.getNFrames());
            ImagePlus[] alone = { predictor.predict(first, null, PredictionOptions.DEFAULT, TaskMonitor.NONE),
                predictor.predict(second, null, PredictionOptions.DEFAULT, TaskMonitor.NONE) };
            for (int t = 1; t <= 2; t++) {
                for (int c = 1; c <= 2; c++) {
                    for (int z = 1; z <= 9; z++) {
                        // NB: within float rounding: percentiles over two copies of a volume may differ in the last
                        // digits from those over one.
                        assertArrayEquals(pixels(alone[c - 1], z), pixels(all, all.getStackIndex(c, z, t)), 1e-3f,
                                "channel " + c + ", slice " + z + ", time point " + t);
                    }
                }
            }
        }
    }

    @Test
    void selfSupervisedTrainingLearnsAVolumetricBlindSpotNetwork() throws IOException {
        Path noisy = dir.resolve("noisy");
        SyntheticVolumes.write(noisy, PHANTOM, 2, 8);
        Path blind = dir.resolve("blind.zip");
        Result r = run("train", "--task", "denoise", "--noisy", noisy.toString(), "--slices", "3", "--volumetric",
                "--out", blind.toString(), "--work", dir.resolve("blind-work").toString(), "--steps", "2",
                "--features", "4", "--depth", "2", "--patch", "32", "--batch", "2", "--seed", "3", "--device", "cpu");
        assertEquals(0, r.code, r.output);
        try (LoadedModel loaded = ModelPackage.load(blind, Device.cpu())) {
            // NB: not residual, or each voxel's own noisy value would be added back to what its neighbours tell.
            assertEquals(new UNet3dSpec(1, 2, 4, false), loaded.descriptor().generator());
            assertEquals(3, loaded.descriptor().tiling().slices());
        }
        // Neighbour pairs sample the restored slice and its neighbours at the same pixels; the network may add its
        // correction to the slice, since no pixel is trained to become itself.
        Path pairs = dir.resolve("pairs.zip");
        Result p = run("train", "--task", "denoise", "--noisy", noisy.toString(), "--slices", "3", "--volumetric",
                "--pairs", "--out", pairs.toString(), "--work", dir.resolve("pairs-work").toString(), "--steps", "2",
                "--features", "4", "--depth", "2", "--patch", "32", "--batch", "2", "--seed", "3", "--device", "cpu");
        assertEquals(0, p.code, p.output);
        try (LoadedModel loaded = ModelPackage.load(pairs, Device.cpu())) {
            assertEquals(new UNet3dSpec(1, 2, 4, true), loaded.descriptor().generator());
            assertEquals(NeighbourPairs.TYPE, loaded.descriptor().provenance().degradation().get("type"));
        }
    }

    @Test
    void aThreeDimensionalPsfTrainsTheModelToUndoABlurAlongZ() throws IOException {
        Path clean = dir.resolve("clean");
        Path blurred = dir.resolve("psf.zip");
        String degradation = "zblur:sigma=1.5 + defocus:sigma=1,haze=0 + poisson-gaussian:photonsPerUnit=0.2";
        Result r = run("train", "--task", "denoise", "--clean", clean.toString(), "--degradation", degradation,
                "--slices", "3", "--volumetric", "--out", blurred.toString(), "--work", dir.resolve("psf-work")
                        .toString(), "--steps", "2", "--features", "4", "--depth", "2", "--patch", "32", "--batch",
                "2", "--seed", "3", "--device", "cpu");
        assertEquals(0, r.code, r.output);
        String json = ZipFiles.text(blurred, "model.json");
        assertTrue(json.contains("\"zblur\"") && json.contains("\"sliceHalo\": 1"), json);
        Result flat = run("train", "--task", "denoise", "--clean", clean.toString(), "--degradation", degradation,
                "--out", dir.resolve("flat-psf.zip").toString(), "--steps", "1");
        assertEquals(2, flat.code, flat.output);
        assertTrue(flat.output.contains("needs z-stacks seen with their neighbouring slices"), flat.output);
    }

    @Test
    void windowsTooWideForTheNetworkOrWithoutNeighboursAreRefused() {
        Path clean = dir.resolve("clean");
        Result flat = run("train", "--task", "denoise", "--clean", clean.toString(), "--degradation",
                "gaussian:sigma=5", "--volumetric", "--out", dir.resolve("flat.zip").toString(), "--steps", "1");
        assertEquals(2, flat.code, flat.output);
        assertTrue(flat.output.contains("give 3 or more slices"), flat.output);
        Result wide = run("train", "--task", "denoise", "--clean", clean.toString(), "--degradation",
                "gaussian:sigma=5", "--slices", "9", "--depth", "2", "--volumetric", "--out",
                dir.resolve("wide.zip").toString(), "--steps", "1");
        assertEquals(2, wide.code, wide.output);
        assertTrue(wide.output.contains("sees at most 3 slices on each side"), wide.output);
        assertFalse(Files.exists(dir.resolve("wide.zip")));
    }

    private record Result(int code, String output) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Main.run(args, print, print);
        return new Result(code, out.toString(StandardCharsets.UTF_8));
    }
}
