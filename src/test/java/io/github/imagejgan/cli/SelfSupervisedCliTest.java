package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.cli.CliTest.Result;
import io.github.imagejgan.testing.NoisyPairs;
import io.github.imagejgan.testing.StartingWeightsAssertions;
import io.github.imagejgan.testing.ZipFiles;
import io.github.imagejgan.train.BlindSpot;
import io.github.imagejgan.train.Checkpoint;
import io.github.imagejgan.train.TrainingDefaults;

/** {@code train --noisy} and {@code denoise --self-supervised}: training on noisy images alone, from the shell. */
class SelfSupervisedCliTest {

    @TempDir
    Path dir;

    Path noisy;

    @BeforeEach
    void images() throws IOException {
        noisy = Files.createDirectories(dir.resolve("noisy"));
        NoisyPairs.write(noisy, Files.createDirectories(dir.resolve("unused-clean")), 3, 48);
    }


    private static Result cli(List<String> args) {
        return CliTest.cli(args.toArray(String[]::new));
    }

    private List<String> denoise(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("denoise", "--self-supervised", "--out", out.toString(),
                "--features", "4", "--depth", "2", "--patch", "32", "--batch", "2", "--device", "cpu"));
        args.addAll(Arrays.asList(more));
        args.add(noisy.toString());
        return args;
    }

    @Test
    void denoisingByTrainingOnTheInputsKeepsTheModelBesideTheOutputsAndResumes() throws IOException {
        Path out = dir.resolve("denoised");
        Result first = cli(denoise(out, "--steps", "4"));
        assertEquals(0, first.code(), first.err());
        for (String name : List.of("img0.tif", "img1.tif", "img2.tif")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        Path model = out.resolve("self-supervised.zip");
        String json = ZipFiles.text(model, "model.json");
        assertTrue(json.contains("\"residual\": false"), json);
        assertTrue(json.contains("self-supervised"), json);
        Path last = out.resolve("self-supervised-training").resolve("self-supervised-last.zip");
        assertEquals(4, Checkpoint.open(last).step());
        // The trained model denoises its images as the mean over 8 flips
        // (TrainingDefaults.ImagesRun.SELF_SUPERVISED_ENSEMBLE).
        Path eight = dir.resolve("eight");
        Path one = dir.resolve("one");
        for (Path folder : List.of(eight, one)) {
            Result run = cli(List.of("denoise", "--model", model.toString(), "--ensemble", folder == eight ? "8"
                    : "1", "--out", folder.toString(), noisy.resolve("img0.tif").toString()));
            assertEquals(0, run.code(), run.err());
        }
        assertArrayEquals(Files.readAllBytes(eight.resolve("img0.tif")), Files.readAllBytes(out.resolve("img0.tif")));
        assertFalse(Arrays.equals(Files.readAllBytes(one.resolve("img0.tif")), Files.readAllBytes(out.resolve(
                "img0.tif"))), "one pass differs from the mean over flips");

        Result again = cli(denoise(out, "--steps", "6", "--overwrite"));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("Resuming"), again.out());
        assertEquals(6, Checkpoint.open(last).step(), "the second run went on from the first one's step 4");

        Result other = cli(denoise(out, "--steps", "6", "--features", "8", "--overwrite"));
        assertEquals(2, other.code());
        assertTrue(other.err().contains("to train anew"), other.err());
    }

    @Test
    void theHelpShowsTheDefaultsTheRunTakes() {
        TrainingDefaults.ImagesRun d = TrainingDefaults.ImagesRun.SELF_SUPERVISED;
        Map<String, Double> defaults = Map.of("steps", (double) d.steps(), "patch", (double) d.patch(), "batch",
                (double) d.batch(), "features", (double) d.features(), "depth", (double) d.depth(), "lr",
                d.learningRate(), "mask-fraction", BlindSpot.DEFAULT_FRACTION, "seed", (double) TrainingDefaults.SEED);
        Map<String, Double> shown = new HashMap<>();
        Matcher option = Pattern.compile("--([a-z-]+) ([0-9][0-9.e-]*)").matcher(InputsTraining.SELF_SUPERVISED_HELP);
        while (option.find()) {
            shown.put(option.group(1), Double.parseDouble(option.group(2)));
        }
        assertEquals(defaults, shown);
    }

    @Test
    void aModelOrAnotherTaskIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("refused");
        Result withModel = cli(denoise(out, "--model", "denoise-general"));
        assertEquals(2, withModel.code());
        assertTrue(withModel.err().contains("leave out --model"), withModel.err());
        Result wrongMask = cli(denoise(out, "--struct-mask", "z:2"));
        assertEquals(2, wrongMask.code());
        assertTrue(wrongMask.err().contains("x or y"), wrongMask.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void trainFromANoisyFolderWritesAnOrdinaryDenoisingModel() throws IOException {
        Path model = dir.resolve("n2v.zip");
        Result run = cli(List.of("train", "--task", "denoise", "--noisy", noisy.toString(), "--out", model.toString(),
                "--steps", "3", "--features", "4", "--depth", "2", "--patch", "32", "--batch", "2",
                "--struct-mask", "x:1", "--device", "cpu"));
        assertEquals(0, run.code(), run.err());
        String json = ZipFiles.text(model, "model.json");
        assertTrue(json.contains("\"task\": \"denoise\""), json);
        assertTrue(json.contains("struct=x:1"), json);
        Path out = dir.resolve("out");
        Result used = cli(List.of("denoise", "--model", model.toString(), "--out", out.toString(), noisy.resolve(
                "img0.tif").toString()));
        assertEquals(0, used.code(), used.err());
        assertTrue(Files.isRegularFile(out.resolve("img0.tif")));
    }

    @Test
    void neighbourPairsTrainAResidualNetworkOnPatchesItCanHalve() throws IOException {
        Path model = dir.resolve("pairs.zip");
        Result run = cli(List.of("train", "--task", "denoise", "--noisy", noisy.toString(), "--out", model.toString(),
                "--pairs", "--steps", "3", "--features", "4", "--depth", "2", "--patch", "32", "--batch", "2",
                "--device", "cpu"));
        assertEquals(0, run.code(), run.err());
        String json = ZipFiles.text(model, "model.json");
        assertTrue(json.contains("\"residual\": true"), json);
        assertTrue(json.contains("pairs,gamma=2.0"), json);
        Result odd = cli(List.of("train", "--task", "denoise", "--noisy", noisy.toString(), "--out", dir.resolve(
                "odd.zip").toString(), "--pairs", "--steps", "3", "--depth", "2", "--patch", "36", "--device", "cpu"));
        assertEquals(2, odd.code());
        assertTrue(odd.err().contains("divisible by 8"), odd.err());
        assertFalse(Files.exists(dir.resolve("odd.zip")));
    }

    @Test
    void aRunStartsFromTheWeightsOfTheModelItIsGivenWhenTheNetworkFits() throws IOException {
        Path start = dir.resolve("start.zip");
        Result first = cli(List.of("train", "--task", "denoise", "--noisy", noisy.toString(), "--out", start.toString(),
                "--steps", "6", "--features", "4", "--depth", "2", "--patch", "32", "--batch", "2", "--device", "cpu"));
        assertEquals(0, first.code(), first.err());
        // One step at a vanishing rate leaves the start's weights: the run denoises as the start model does.
        Path adapted = dir.resolve("adapted");
        Result run = cli(denoise(adapted, "--steps", "1", "--lr", "1e-12", "--start", start.toString()));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Starting from the weights of"), run.out());
        Path byStart = dir.resolve("by-start");
        Result direct = cli(List.of("denoise", "--model", start.toString(), "--ensemble", "8", "--out",
                byStart.toString(), noisy.resolve("img0.tif").toString()));
        assertEquals(0, direct.code(), direct.err());
        Path fresh = dir.resolve("fresh");
        Result scratch = cli(denoise(fresh, "--steps", "1", "--lr", "1e-12", "--start", "none"));
        assertEquals(0, scratch.code(), scratch.err());
        StartingWeightsAssertions.assertStartedFrom(byStart.resolve("img0.tif"), adapted.resolve("img0.tif"),
                fresh.resolve("img0.tif"));

        // A start the user chose must fit; nothing is written when it does not.
        Path wrong = dir.resolve("wrong");
        Result other = cli(denoise(wrong, "--steps", "1", "--depth", "3", "--start", start.toString()));
        assertEquals(1, other.code());
        assertTrue(other.err().contains("has the network"), other.err());
        assertFalse(Files.exists(wrong.resolve("img0.tif")));
        Result missing = cli(denoise(dir.resolve("missing"), "--start", "no-such-model"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no-such-model"), missing.err());
    }
}
