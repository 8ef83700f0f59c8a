package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

import ij.ImagePlus;
import io.github.imagejgan.cli.CliTest.Result;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.synth.NucleiVolumePhantom;
import io.github.imagejgan.synth.SyntheticVolumes;
import io.github.imagejgan.train.Checkpoint;
import io.github.imagejgan.train.TrainingDefaults;

/** {@code imagej-gan isotropic}: training on the stacks' lateral slices, then restoring them to cubic voxels. */
class IsotropicCliTest {

    @TempDir
    Path dir;

    Path stacks;

    @BeforeEach
    void stacks() throws IOException {
        stacks = Files.createDirectories(dir.resolve("stacks"));
        ImageFiles.saveTiff(SyntheticVolumes.image(new NucleiVolumePhantom(48, 40, 6, 4, 8, 5, 10, 1.5, 4, 10, 200),
                5, "cells.tif"), stacks.resolve("cells.tif"));
    }


    private static Result cli(List<String> args) {
        return CliTest.cli(args.toArray(String[]::new));
    }

    private List<String> isotropic(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("isotropic", "--out", out.toString(), "--device", "cpu"));
        args.addAll(Arrays.asList(more));
        args.add(stacks.toString());
        return args;
    }

    @Test
    void trainsOnTheStacksThenRestoresThemWithTheModelKeptBesideThem() throws IOException {
        Path out = dir.resolve("iso");
        Result trained = cli(isotropic(out, "--steps", "3", "--features", "4", "--depth", "2", "--patch", "32",
                "--batch", "2", "--axial-blur", "1.5"));
        assertEquals(0, trained.code(), trained.err());
        ImagePlus result = ImageFiles.open(out.resolve("cells.tif"));
        assertEquals(48, result.getWidth());
        assertEquals(40, result.getHeight());
        assertEquals(24, result.getNSlices(), "four slices for each, from the calibration");
        assertEquals(1.0, result.getCalibration().pixelDepth, 1e-9);
        Path model = out.resolve("isotropic.zip");
        ModelDescriptor descriptor = ModelPackage.open(model).descriptor();
        assertEquals("isotropic", descriptor.task().id());
        assertEquals(4, ((Number) descriptor.provenance().degradation().get("factor")).intValue());
        assertEquals(1.5, ((Number) descriptor.provenance().degradation().get("axialBlur")).doubleValue());
        assertEquals(3, Checkpoint.open(out.resolve("isotropic-training").resolve("isotropic-last.zip")).step());

        // The kept model restores the same stack again, to the same values.
        Path again = dir.resolve("again");
        Result reused = cli(isotropic(again, "--model", model.toString()));
        assertEquals(0, reused.code(), reused.err());
        ImagePlus second = ImageFiles.open(again.resolve("cells.tif"));
        assertArrayEquals((float[]) result.getStack().getPixels(9), (float[]) second.getStack().getPixels(9));
    }

    @Test
    void anUncalibratedStackNeedsTheFactor() throws IOException {
        ImagePlus plain = ImageFiles.open(stacks.resolve("cells.tif"));
        plain.getCalibration().pixelDepth = 1;
        ImageFiles.saveTiff(plain, stacks.resolve("cells.tif"));
        Result refused = cli(isotropic(dir.resolve("iso"), "--steps", "1"));
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("--factor"), refused.err());
        Result bad = cli(isotropic(dir.resolve("iso"), "--factor", "1", "--steps", "1"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("2 to 16"), bad.err());
    }

    @Test
    void theHelpShowsTheDefaults() {
        TrainingDefaults.ImagesRun d = TrainingDefaults.ImagesRun.ISOTROPIC;
        Map<String, Double> expected = Map.of("steps", (double) d.steps(), "patch", (double) d.patch(), "batch",
                (double) d.batch(), "features", (double) d.features(), "depth", (double) d.depth(), "lr",
                d.learningRate(), "seed", (double) TrainingDefaults.SEED);
        Map<String, Double> shown = new HashMap<>();
        Matcher option = Pattern.compile("--([a-z-]+) ([0-9][0-9.e-]*)").matcher(InputsTraining.ISOTROPIC_HELP);
        while (option.find()) {
            shown.put(option.group(1), Double.parseDouble(option.group(2)));
        }
        shown.remove("ensemble");
        assertEquals(expected, shown);
    }
}
