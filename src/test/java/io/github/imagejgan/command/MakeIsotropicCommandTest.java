package io.github.imagejgan.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import io.github.imagejgan.synth.NucleiVolumePhantom;
import io.github.imagejgan.synth.SyntheticVolumes;

/** Make Isotropic… trains on the current stack's lateral slices, then restores it; or runs a model trained before. */
class MakeIsotropicCommandTest extends CommandTestBase {

    private static ImagePlus stack() {
        // Slices 3 pixel widths apart, as the calibration says.
        return SyntheticVolumes.image(new NucleiVolumePhantom(64, 64, 6, 3, 6, 6, 12, 1.5, 4, 10, 200), 3,
                "cells.tif");
    }

    private Map<String, Object> inputs(String model) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("image", stack());
        inputs.put("model", model);
        inputs.put("modelFile", null);
        inputs.put("factor", 0);
        inputs.put("axialBlur", 1.0);
        inputs.put("steps", 2);
        inputs.put("name", "iso-cells");
        inputs.put("resume", false);
        inputs.put("device", "cpu");
        return inputs;
    }

    @Test
    void trainsOnTheStackThenGivesCubicVoxelsAndKeepsTheModel() throws Exception {
        Ran ran = run(MakeIsotropicCommand.class, inputs(MakeIsotropicCommand.TRAIN));
        assertFalse(ran.isCanceled(), ran.getCancelReason());
        ImagePlus result = (ImagePlus) ran.getOutput("result");
        assertEquals(64, result.getWidth());
        assertEquals(18, result.getNSlices(), "3 slices for each, from the calibration");
        assertEquals(1.0, result.getCalibration().pixelDepth, 1e-9);
        assertEquals(32, result.getBitDepth());
        assertTrue(Files.isRegularFile(user.resolve("iso-cells.zip")), "the model is kept as a user model");

        Ran again = run(MakeIsotropicCommand.class, inputs("iso-cells"));
        assertFalse(again.isCanceled(), again.getCancelReason());
        ImagePlus second = (ImagePlus) again.getOutput("result");
        assertEquals(result.getStack().getProcessor(7).getf(30, 30), second.getStack().getProcessor(7).getf(30, 30),
                1e-4, "the kept model restores the stack as it did after training");
    }

    @Test
    void aSingleImageIsRefusedWithTheReason() throws Exception {
        Map<String, Object> inputs = inputs(MakeIsotropicCommand.TRAIN);
        inputs.put("image", ij.IJ.createImage("flat", "16-bit ramp", 64, 64, 1));
        Ran ran = run(MakeIsotropicCommand.class, inputs);
        assertTrue(ran.isCanceled());
        assertTrue(ran.getCancelReason().contains("z-stack"), ran.getCancelReason());
    }
}
