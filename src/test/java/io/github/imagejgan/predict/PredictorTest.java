package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ij.IJ;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.image.UnsupportedImageException;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.Layers;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.task.CancelledException;
import io.github.imagejgan.task.TaskMonitor;

class PredictorTest {

    @TempDir
    Path dir;

    private LoadedModel passThrough(NetworkSpec spec, ModelTask task, int tile) throws IOException {
        return ModelPackage.load(TestModels.passThrough(dir.resolve(task.id() + ".zip"), "pass-" + task.id(), spec,
                task, tile, false), Device.cpu());
    }

    private static ImagePlus random16(int w, int h, int c, int z, long seed) {
        ImagePlus imp = IJ.createHyperStack("cells.tif", w, h, c, z, 1, 16);
        Random random = new Random(seed);
        for (int i = 1; i <= imp.getStackSize(); i++) {
            short[] p = (short[]) imp.getStack().getPixels(i);
            for (int k = 0; k < p.length; k++) {
                p[k] = (short) (200 + random.nextInt(3000));
            }
        }
        imp.getCalibration().pixelWidth = 0.5;
        imp.getCalibration().pixelHeight = 0.5;
        imp.getCalibration().setUnit("micron");
        return imp;
    }

    @Test
    void denoiserKeepsShapeTypeCalibrationAndLeavesTheInputAlone() throws IOException {
        ImagePlus input = random16(37, 29, 2, 3, 1);
        short[] before = ((short[]) input.getStack().getPixels(4)).clone();
        try (LoadedModel model = passThrough(new ResidualDenoiserSpec(1, 4, 3), ModelTask.DENOISE, 16)) {
            ImagePlus out = new Predictor(model).predict(input, null, PredictionOptions.DEFAULT.withOutputType(
                    OutputType.SAME_AS_INPUT), TaskMonitor.NONE);
            assertEquals("cells-denoise", out.getTitle());
            assertEquals(16, out.getBitDepth());
            assertEquals(2, out.getNChannels());
            assertEquals(3, out.getNSlices());
            assertEquals(0.5, out.getCalibration().pixelWidth);
            for (int i = 1; i <= input.getStackSize(); i++) {
                assertArrayEquals((short[]) input.getStack().getPixels(i), (short[]) out.getStack().getPixels(i),
                        "each channel went through the single-channel model and back, plane " + i);
            }
            assertArrayEquals(before, (short[]) input.getStack().getPixels(4), "input untouched");
            ImagePlus one = new Predictor(model).predict(input, null, PredictionOptions.DEFAULT.withChannel(1),
                    TaskMonitor.NONE);
            assertEquals(1, one.getNChannels());
            assertEquals(32, one.getBitDepth());
            float[] second = (float[]) one.getStack().getPixels(1);
            short[] original = (short[]) input.getStack().getPixels(input.getStackIndex(2, 1, 1));
            for (int k = 0; k < second.length; k++) {
                assertEquals(original[k] & 0xffff, second[k], 0.05);
            }
        }
    }

    @Test
    void resultsKeepTheValueCalibrationOfCtImages() throws IOException {
        ImagePlus ct = random16(24, 20, 1, 1, 1);
        Calibration hounsfield = ct.getCalibration();
        hounsfield.setFunction(Calibration.STRAIGHT_LINE, new double[] { -1024, 1 }, "HU");
        try (LoadedModel model = passThrough(new ResidualDenoiserSpec(1, 4, 3), ModelTask.DENOISE, 16)) {
            ImagePlus same = new Predictor(model).predict(ct, null, PredictionOptions.DEFAULT.withOutputType(
                    OutputType.SAME_AS_INPUT), TaskMonitor.NONE);
            assertEquals("HU", same.getCalibration().getValueUnit());
            ImagePlus floats = new Predictor(model).predict(ct, null, PredictionOptions.DEFAULT, TaskMonitor.NONE);
            ImageProcessor raw = ct.getProcessor();
            for (int k = 0; k < 24 * 20; k++) {
                double hu = hounsfield.getCValue(raw.get(k));
                assertEquals(hu, same.getCalibration().getCValue(same.getProcessor().get(k)), 0.5, "16-bit, in HU");
                assertEquals(hu, floats.getProcessor().getf(k), 0.05, "32-bit values are Hounsfield units");
            }
        }
    }

    @Test
    void superResolutionScalesGridAndCalibration() throws IOException {
        ImagePlus input = random16(21, 13, 1, 1, 2);
        try (LoadedModel model = passThrough(new ResidualSrSpec(1, 4, 1, 2, ResidualSrSpec.NEAREST),
                ModelTask.SUPER_RESOLUTION, 8)) {
            ImagePlus out = new Predictor(model).predict(input, null, PredictionOptions.DEFAULT, TaskMonitor.NONE);
            assertEquals(42, out.getWidth());
            assertEquals(26, out.getHeight());
            assertEquals(0.25, out.getCalibration().pixelWidth);
            assertEquals("micron", out.getCalibration().getXUnit());
            ImageProcessor in = input.getProcessor();
            ImageProcessor up = out.getProcessor();
            for (int y = 0; y < 26; y++) {
                for (int x = 0; x < 42; x++) {
                    assertEquals(in.getf(x / 2, y / 2), up.getf(x, y), 0.05, "nearest upsampling at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void tiledSuperResolutionOfABicubicNetworkEqualsBicubicUpsamplingOfTheWholeImage() throws IOException {
        ImagePlus input = random16(23, 17, 1, 1, 4);
        float[] values = (float[]) input.getProcessor().convertToFloatProcessor().getPixels();
        try (LoadedModel model = passThrough(new ResidualSrSpec(1, 4, 1, 2), ModelTask.SUPER_RESOLUTION, 8);
                NDManager manager = NDManager.newBaseManager()) {
            ImagePlus out = new Predictor(model).predict(input, null, PredictionOptions.DEFAULT, TaskMonitor.NONE);
            float[] expected = Layers.upsampleBicubic(manager.create(values, new Shape(1, 1, 17, 23)), 2)
                    .toFloatArray();
            float[] actual = (float[]) out.getProcessor().getPixels();
            // 8-pixel tiles: every tile's halo must carry what the bicubic kernel reaches across its edge. The image
            // border itself is mirrored by the tiling (repeated by the reference), so its 4 outer pixels differ.
            for (int y = 4; y < 34 - 4; y++) {
                for (int x = 4; x < 46 - 4; x++) {
                    assertEquals(expected[y * 46 + x], actual[y * 46 + x], 0.05, "pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void inpaintingChangesOnlyTheSelection() throws IOException {
        ImagePlus input = random16(40, 30, 1, 2, 3);
        InpaintMask mask = InpaintMask.of(new OvalRoi(10, 8, 12, 9), 40, 30);
        try (LoadedModel model = passThrough(new InpaintingSpec(1, 2, 4), ModelTask.INPAINT, 16)) {
            ImagePlus out = new Predictor(model).predict(input, mask, PredictionOptions.DEFAULT.withOutputType(
                    OutputType.SAME_AS_INPUT), TaskMonitor.NONE);
            OvalRoi roi = new OvalRoi(10, 8, 12, 9);
            int changed = 0;
            for (int z = 1; z <= 2; z++) {
                ImageProcessor a = input.getStack().getProcessor(z);
                ImageProcessor b = out.getStack().getProcessor(z);
                for (int y = 0; y < 30; y++) {
                    for (int x = 0; x < 40; x++) {
                        if (!roi.contains(x, y)) {
                            assertEquals(a.get(x, y), b.get(x, y), "outside the selection at " + x + "," + y);
                        } else if (a.get(x, y) != b.get(x, y)) {
                            changed++;
                        }
                    }
                }
            }
            assertTrue(changed > 100, "holes were filled: " + changed + " pixels changed");
            UnsupportedImageException e = assertThrows(UnsupportedImageException.class,
                    () -> new Predictor(model).predict(input, null, PredictionOptions.DEFAULT, TaskMonitor.NONE));
            assertTrue(e.getMessage().contains("needs a mask"), e.getMessage());
        }
    }

    @Test
    void channelMismatchIsExplained() throws IOException {
        ImagePlus rgbLike = random16(16, 16, 3, 1, 4);
        try (LoadedModel model = passThrough(new ResidualDenoiserSpec(2, 4, 2), ModelTask.DENOISE, 16)) {
            ChannelMismatchException e = assertThrows(ChannelMismatchException.class,
                    () -> new Predictor(model).predict(rgbLike, null, PredictionOptions.DEFAULT, TaskMonitor.NONE));
            assertTrue(e.getMessage().contains("expects 2 channels; the image has 3"), e.getMessage());
        }
    }

    @Test
    void cancellingStopsAndReportsProgress() throws IOException {
        ImagePlus input = random16(64, 64, 1, 1, 5);
        try (LoadedModel model = passThrough(new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 16)) {
            long[] last = { 0, 0 };
            TaskMonitor monitor = new TaskMonitor() {
                @Override
                public void progress(long done, long total, String message) {
                    last[0] = done;
                    last[1] = total;
                }

                @Override
                public boolean isCancelled() {
                    return last[0] >= 5;
                }
            };
            assertThrows(CancelledException.class, () -> new Predictor(model).predict(input, null,
                    PredictionOptions.DEFAULT, monitor));
            assertEquals(5, last[0]);
            // 16 tiles, after the two passes of the fitted strength over the same 64 x 64 pixels.
            assertEquals(3 * 16, last[1]);
            last[0] = 0;
            assertThrows(CancelledException.class, () -> new Predictor(model).predict(input, null,
                    PredictionOptions.DEFAULT.withStrength(1), monitor));
            assertEquals(5, last[0]);
            assertEquals(16, last[1]);
        }
    }

    @Test
    void tinyImagesWork() throws IOException {
        ImagePlus input = random16(1, 1, 1, 1, 6);
        try (LoadedModel model = passThrough(new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 16)) {
            ImagePlus out = new Predictor(model).predict(input, null, PredictionOptions.DEFAULT.withOutputType(
                    OutputType.SAME_AS_INPUT), TaskMonitor.NONE);
            assertEquals(input.getProcessor().get(0, 0), out.getProcessor().get(0, 0));
        }
    }

    @Test
    void onlyAdversarialImageMakersAddMirroredContextAtTheImagesEdges() {
        assertTrue(Predictor.mirroredEdges(ModelTask.SYNTHESIS));
        assertTrue(Predictor.mirroredEdges(ModelTask.STYLE));
        assertFalse(Predictor.mirroredEdges(ModelTask.DENOISE));
        assertFalse(Predictor.mirroredEdges(ModelTask.SUPER_RESOLUTION));
        assertFalse(Predictor.mirroredEdges(ModelTask.INPAINT));
        // Denoisers take a few mirrored pixels at the edges; the other restorations measured better without.
        assertTrue(Predictor.edgeContext(ModelTask.DENOISE));
        assertFalse(Predictor.edgeContext(ModelTask.SUPER_RESOLUTION));
        assertFalse(Predictor.edgeContext(ModelTask.ISOTROPIC));
        assertFalse(Predictor.edgeContext(ModelTask.INPAINT));
    }
}
