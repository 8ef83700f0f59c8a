package io.github.imagejgan.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ImageProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.ResidualDenoiserSpec;

class OperationCommandsTest extends CommandTestBase {

    private static ImagePlus image(int bits, int w, int h, int c, int z) {
        ImagePlus imp = IJ.createHyperStack("sample.tif", w, h, c, z, 1, bits);
        Random random = new Random(1);
        for (int i = 1; i <= imp.getStackSize(); i++) {
            ImageProcessor ip = imp.getStack().getProcessor(i);
            for (int p = 0; p < w * h; p++) {
                ip.set(p, 20 + random.nextInt(200));
            }
        }
        imp.getCalibration().pixelWidth = 0.2;
        imp.getCalibration().pixelHeight = 0.2;
        imp.getCalibration().setUnit("micron");
        return imp;
    }

    private static Map<String, Object> inputs(ImagePlus imp, String model, Object... more) {
        Map<String, Object> map = new HashMap<>();
        map.put("image", imp);
        map.put("model", model);
        map.put("device", "cpu");
        // Every input given: SciJava remembers parameter values between runs, tests must not depend on them.
        map.put("modelFile", null);
        map.put("outputType", OperationCommand.SAME_AS_INPUT);
        map.put("tile", "auto");
        map.put("channel", 0);
        map.put("preview", false);
        for (int i = 0; i < more.length; i += 2) {
            map.put((String) more[i], more[i + 1]);
        }
        return map;
    }

    @Test
    void denoiseKeepsTypeCalibrationAndInput() throws Exception {
        ImagePlus imp = image(16, 45, 33, 1, 3);
        Object before = ((short[]) imp.getStack().getPixels(2)).clone();
        Ran module = run(DenoiseCommand.class, inputs(imp, "denoise-test"));
        assertFalse(module.isCanceled(), module.getCancelReason());
        ImagePlus out = (ImagePlus) module.getOutput("result");
        assertEquals("sample-denoise", out.getTitle());
        assertEquals(16, out.getBitDepth());
        assertEquals(3, out.getNSlices());
        assertEquals(0.2, out.getCalibration().pixelWidth);
        assertArrayEquals((short[]) before, (short[]) imp.getStack().getPixels(2), "input untouched");
        assertArrayEquals((short[]) imp.getStack().getPixels(2), (short[]) out.getStack().getPixels(2),
                "pass-through model returns the input");
    }

    @Test
    void previewEqualsTheCurrentPlaneOfTheFullRun() throws Exception {
        ImagePlus imp = image(8, 40, 30, 1, 4);
        imp.setSlice(3);
        ImagePlus full = (ImagePlus) run(DenoiseCommand.class, inputs(imp, "denoise-test", "outputType",
                OperationCommand.FLOAT)).getOutput("result");
        ImagePlus preview = (ImagePlus) run(DenoiseCommand.class, inputs(imp, "denoise-test", "outputType",
                OperationCommand.FLOAT, "preview", true)).getOutput("result");
        assertEquals(1, preview.getStackSize());
        assertTrue(preview.getTitle().endsWith("(preview)"));
        assertArrayEquals((float[]) full.getStack().getPixels(3), (float[]) preview.getProcessor().getPixels());
    }

    @Test
    void superResolutionDividesThePixelSize() throws Exception {
        ImagePlus imp = image(16, 20, 15, 1, 1);
        ImagePlus out = (ImagePlus) run(SuperResolutionCommand.class, inputs(imp, "sr-test")).getOutput("result");
        assertEquals(40, out.getWidth());
        assertEquals(30, out.getHeight());
        assertEquals(0.1, out.getCalibration().pixelWidth, 1e-12);
    }

    @Test
    void superResolutionTakesItsStrengthOverBicubic() throws Exception {
        ImagePlus imp = image(16, 40, 36, 1, 1);
        assertStrengthBlends(SuperResolutionCommand.class, imp, "sr-test", "the network differs from bicubic");
    }

    @Test
    void denoiseTakesItsStrengthOverTheNoisyImage() throws Exception {
        // NB: an untrained network, so that the result differs from the image it blends with.
        TestModels.untrained(shipped.resolve("denoise-random.zip"), "denoise-random", new ResidualDenoiserSpec(1, 4, 2),
                ModelTask.DENOISE, 32);
        ImagePlus imp = image(16, 40, 36, 1, 1);
        assertStrengthBlends(DenoiseCommand.class, imp, "denoise-random", "the network changes the image");
    }

    @Test
    void inpaintTakesItsStrengthOverTheFill() throws Exception {
        ImagePlus imp = boxOnRandomInpainter();
        assertStrengthBlends(InpaintCommand.class, imp, "inpaint-random", "the network differs from its fill", "fill",
                InpaintCommand.SELECTION, "adapt", 0);
    }

    @Test
    void inpaintFitsTheNetworkToTheImageForTheStepsGiven() throws Exception {
        ImagePlus imp = boxOnRandomInpainter();
        float[] asTrained = result(InpaintCommand.class, imp, "inpaint-random", "1", "fill", InpaintCommand.SELECTION,
                "adapt", 0);
        float[] fitted = result(InpaintCommand.class, imp, "inpaint-random", "1", "fill", InpaintCommand.SELECTION,
                "adapt", 5);
        double apart = 0;
        for (int i = 0; i < fitted.length; i++) {
            apart += Math.abs(fitted[i] - asTrained[i]);
        }
        assertTrue(apart > 0, "five steps of fitting change the fill");
        Ran wrong = run(InpaintCommand.class, inputs(imp, "inpaint-random", "adapt", -1));
        assertTrue(wrong.isCanceled());
        assertTrue(wrong.getCancelReason().contains("Adaptation steps must be 0 (off)"), wrong.getCancelReason());
    }

    /**
     * An image with a box selected, for the model "inpaint-random" written beside the shipped ones: a network moved off
     * its fill, which the pass-through inpaint-test returns.
     */
    private ImagePlus boxOnRandomInpainter() throws IOException {
        TestModels.randomized(shipped.resolve("inpaint-random.zip"), "inpaint-random", new InpaintingSpec(1, 2, 4),
                ModelTask.INPAINT, 32);
        ImagePlus imp = image(16, 40, 40, 1, 1);
        imp.setRoi(new Roi(10, 12, 12, 9));
        return imp;
    }

    /**
     * Strength 0.5 lies half way between 0 and 1, which differ; a strength out of range cancels. {@code more}: other
     * inputs of the command.
     */
    private static void assertStrengthBlends(Class<? extends OperationCommand> command, ImagePlus imp, String model,
            String differs, Object... more) throws Exception {
        float[] none = result(command, imp, model, "0", more);
        float[] all = result(command, imp, model, "1", more);
        float[] half = result(command, imp, model, "0.5", more);
        double apart = 0;
        for (int i = 0; i < half.length; i++) {
            assertEquals((none[i] + all[i]) / 2, half[i], 1e-2 * (1 + Math.abs(half[i])), "pixel " + i);
            apart += Math.abs(all[i] - none[i]);
        }
        assertTrue(apart > 0, differs);
        Ran wrong = run(command, inputs(imp, model, "strength", "1.5"));
        assertTrue(wrong.isCanceled());
        assertTrue(wrong.getCancelReason().contains("Strength is 'auto' or a number from 0"),
                wrong.getCancelReason());
    }

    private static float[] result(Class<? extends OperationCommand> command, ImagePlus imp, String model,
            String strength, Object... more) throws Exception {
        Map<String, Object> inputs = inputs(imp, model, "strength", strength, "outputType", OperationCommand.FLOAT);
        for (int i = 0; i < more.length; i += 2) {
            inputs.put((String) more[i], more[i + 1]);
        }
        Ran ran = run(command, inputs);
        assertFalse(ran.isCanceled(), ran.getCancelReason());
        return (float[]) ((ImagePlus) ran.getOutput("result")).getProcessor().getPixels();
    }

    @Test
    void inpaintFillsOnlyTheSelection() throws Exception {
        ImagePlus imp = image(8, 40, 40, 1, 1);
        Roi roi = new Roi(10, 12, 8, 6);
        imp.setRoi(roi);
        Ran filled = run(InpaintCommand.class, inputs(imp, "inpaint-test", "fill", InpaintCommand.SELECTION));
        assertFalse(filled.isCanceled(), filled.getCancelReason());
        ImagePlus out = (ImagePlus) filled.getOutput("result");
        ImageProcessor a = imp.getProcessor();
        ImageProcessor b = out.getProcessor();
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                if (!roi.contains(x, y)) {
                    assertEquals(a.get(x, y), b.get(x, y));
                }
            }
        }
        imp.deleteRoi();
        Ran noSelection = run(InpaintCommand.class, inputs(imp, "inpaint-test", "fill", InpaintCommand.SELECTION));
        assertTrue(noSelection.isCanceled());
        assertTrue(noSelection.getCancelReason().contains("area selection"), noSelection.getCancelReason());
        ImagePlus mask = IJ.createImage("mask", "8-bit black", 40, 40, 1);
        mask.getProcessor().setRoi(new Roi(5, 5, 4, 4));
        mask.getProcessor().setValue(255);
        mask.getProcessor().fill();
        Ran withMask = run(InpaintCommand.class, inputs(imp, "inpaint-test", "fill",
                InpaintCommand.MASK_IMAGE, "maskImage", mask));
        assertFalse(withMask.isCanceled(), withMask.getCancelReason());
    }

    @Test
    void styleTransferRunsBothDirections() throws Exception {
        ImagePlus imp = image(8, 24, 24, 1, 1);
        for (String direction : new String[] { StyleTransferCommand.FORWARD, StyleTransferCommand.REVERSE }) {
            Ran module = run(StyleTransferCommand.class, inputs(imp, "style-test", "direction", direction));
            assertEquals(direction, module.module().getInput("direction"));
            assertFalse(module.isCanceled(), module.getCancelReason());
            assertEquals("sample-style", ((ImagePlus) module.getOutput("result")).getTitle());
        }
    }

    @Test
    void userErrorsCancelWithAnActionableMessage() throws Exception {
        ImagePlus rgb = IJ.createImage("colour", "RGB white", 16, 16, 1);
        Ran twoChannelModel = run(DenoiseCommand.class, inputs(image(8, 16, 16, 3, 1), "denoise-test",
                "channel", 5));
        assertTrue(twoChannelModel.getCancelReason().contains("Channel 5 does not exist"),
                twoChannelModel.getCancelReason());
        Ran unknown = run(DenoiseCommand.class, inputs(rgb, "no-such-model"));
        assertTrue(unknown.isCanceled());
        assertTrue(unknown.getCancelReason().contains("No model named 'no-such-model'")
                && unknown.getCancelReason().contains("denoise-test"), unknown.getCancelReason());
        Ran wrongTask = run(DenoiseCommand.class, inputs(rgb, "sr-test"));
        assertTrue(wrongTask.getCancelReason().contains("super-resolution model"), wrongTask.getCancelReason());
        Ran badTile = run(DenoiseCommand.class, inputs(rgb, "denoise-test", "tile", "big"));
        assertTrue(badTile.getCancelReason().contains("Tile size"), badTile.getCancelReason());
        Ran badDevice = run(DenoiseCommand.class, inputs(rgb, "denoise-test", "device", "gpu:7"));
        assertTrue(badDevice.getCancelReason().contains("device=cpu"), badDevice.getCancelReason());
        assertNull(badDevice.getOutput("result"), "no half-made output");
    }

    @Test
    void rgbImagesGoThroughChannelByChannel() throws Exception {
        ImagePlus rgb = IJ.createImage("colour", "RGB ramp", 20, 12, 1);
        Ran module = run(DenoiseCommand.class, inputs(rgb, "denoise-test"));
        assertFalse(module.isCanceled(), module.getCancelReason());
        ImagePlus out = (ImagePlus) module.getOutput("result");
        assertEquals(24, out.getBitDepth());
        assertArrayEquals((int[]) rgb.getProcessor().getPixels(), (int[]) out.getProcessor().getPixels());
    }
}
