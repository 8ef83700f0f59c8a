package io.github.imagejgan.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.IJ;
import ij.ImagePlus;
import io.github.imagejgan.interop.InteropResources;
import io.github.imagejgan.model.DeclaredProcessing;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.model.ProcessingStep;
import io.github.imagejgan.model.ProcessingStep.Binarize;
import io.github.imagejgan.model.ProcessingStep.Clip;
import io.github.imagejgan.model.ProcessingStep.EnsureDtype;
import io.github.imagejgan.model.ProcessingStep.FixedZeroMeanUnitVariance;
import io.github.imagejgan.model.ProcessingStep.ScaleLinear;
import io.github.imagejgan.model.ProcessingStep.ScaleRange;
import io.github.imagejgan.model.ProcessingStep.Sigmoid;
import io.github.imagejgan.model.ProcessingStep.ZeroMeanUnitVariance;
import io.github.imagejgan.nn.TorchScriptSpec;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.task.TaskMonitor;

/**
 * Declared (bioimage.io) processing around a network that returns its input, so that every result can be computed
 * by hand from the formulas of the specification.
 */
class DeclaredProcessingTest {

    private static final double EPS = 1e-6;

    @TempDir
    Path dir;

    /** Runs the identity network with the given processing over an image and returns every plane's values. */
    private float[][] run(ImagePlus image, List<ProcessingStep> pre, List<ProcessingStep> post) throws IOException {
        int channels = image.getNChannels();
        ModelDescriptor descriptor = new ModelDescriptor("identity", "", ModelTask.DENOISE,
                TorchScriptSpec.nchw(channels, channels, 1, 1, 0, false),
                ModelDescriptor.Normalization.declared(new DeclaredProcessing(pre, post)),
                new ModelDescriptor.Tiling(3, 0, 0), null, Map.of());
        Path file = dir.resolve("identity-" + System.nanoTime() + ".zip");
        ModelPackage.writeTorchScript(file, descriptor, InteropResources.bytes("identity.pt"));
        assertEquals(descriptor.normalization(), ModelPackage.open(file).descriptor().normalization(),
                "processing survives model.json");
        try (LoadedModel model = ModelPackage.load(file, Device.cpu())) {
            // Tiles of 3 pixels: element-wise steps must not depend on tiling.
            ImagePlus out = new Predictor(model).predict(image, null, PredictionOptions.DEFAULT.withTileSize(3),
                    TaskMonitor.NONE);
            float[][] planes = new float[out.getStackSize()][];
            for (int i = 0; i < planes.length; i++) {
                planes[i] = (float[]) out.getStack().getProcessor(i + 1).convertToFloat().getPixels();
            }
            return planes;
        }
    }

    /** A 5 x 4 image: channel 0 holds 0..19, channel 1 holds 100, 102, ..., 138; slices add 100 each. */
    private static ImagePlus image(int channels, int slices) {
        ImagePlus image = IJ.createHyperStack("values", 5, 4, channels, slices, 1, 32);
        for (int c = 0; c < channels; c++) {
            for (int z = 0; z < slices; z++) {
                float[] p = (float[]) image.getStack().getPixels(image.getStackIndex(c + 1, z + 1, 1));
                for (int i = 0; i < 20; i++) {
                    p[i] = value(c, z, i);
                }
            }
        }
        return image;
    }

    private static float value(int c, int z, int i) {
        return (c == 0 ? i : 100 + 2 * i) + 100 * z;
    }

    @Test
    void scaleRangePerChannelThenLinearAndClip() throws IOException {
        float[][] out = run(image(2, 1), List.of(new ScaleRange(0, 100, EPS, true, true, false)),
                List.of(new ScaleLinear(List.of(2.0, 3.0), List.of(1.0, -1.0)), new Clip(0, 2.5)));
        for (int i = 0; i < 20; i++) {
            double u0 = i / (19 + EPS);
            double u1 = 2 * i / (38 + EPS);
            assertEquals(Math.min(2.5, 2 * u0 + 1), out[0][i], 1e-5, "channel 0, pixel " + i);
            assertEquals(Math.max(0, Math.min(2.5, 3 * u1 - 1)), out[1][i], 1e-5, "channel 1, pixel " + i);
        }
    }

    @Test
    void percentilesInterpolateLinearlyBetweenRanks() throws IOException {
        // 20 values 0..19: the 10th percentile lies at rank 1.9, the 90th at rank 17.1.
        float[][] out = run(image(1, 1), List.of(new ScaleRange(10, 90, EPS, false, true, false)), List.of());
        for (int i = 0; i < 20; i++) {
            assertEquals((i - 1.9) / (17.1 - 1.9 + EPS), out[0][i], 1e-5, "pixel " + i);
        }
    }

    @Test
    void perSampleAndPerDatasetStatisticsDifferOnStacks() throws IOException {
        ImagePlus stack = image(1, 2);
        float[][] perSample = run(stack, List.of(new ScaleRange(0, 100, EPS, false, true, false)), List.of());
        float[][] perDataset = run(stack, List.of(new ScaleRange(0, 100, EPS, false, false, false)), List.of());
        for (int z = 0; z < 2; z++) {
            for (int i = 0; i < 20; i++) {
                assertEquals(i / (19 + EPS), perSample[z][i], 1e-5, "each plane is one sample");
                assertEquals((value(0, z, i) - 0) / (119 + EPS), perDataset[z][i], 1e-5, "the stack is the dataset");
            }
        }
    }

    @Test
    void zeroMeanUnitVarianceThenNonLinearSteps() throws IOException {
        ImagePlus stack = image(1, 2);
        // Population statistics over both planes: values 0..19 and 100..119.
        double mean = (9.5 + 109.5) / 2;
        double squares = 0;
        for (int z = 0; z < 2; z++) {
            for (int i = 0; i < 20; i++) {
                squares += Math.pow(value(0, z, i) - mean, 2);
            }
        }
        double std = Math.sqrt(squares / 40);
        float[][] out = run(stack, List.of(new ZeroMeanUnitVariance(EPS, false, false), new Sigmoid()),
                List.of(new Binarize(List.of(0.6))));
        for (int z = 0; z < 2; z++) {
            for (int i = 0; i < 20; i++) {
                double s = 1 / (1 + Math.exp(-(value(0, z, i) - mean) / (std + EPS)));
                assertEquals(s > 0.6 ? 1 : 0, out[z][i], 0, "plane " + z + ", pixel " + i);
            }
        }
    }

    @Test
    void postprocessingCanUseTheInputsPercentiles() throws IOException {
        float[][] out = run(image(1, 1), List.of(new FixedZeroMeanUnitVariance(List.of(10.0), List.of(2.0), EPS)),
                List.of(new ScaleRange(0, 100, EPS, false, true, true)));
        for (int i = 0; i < 20; i++) {
            double normalized = (i - 10) / (2 + EPS);
            assertEquals((normalized - 0) / (19 + EPS), out[0][i], 1e-5, "pixel " + i);
        }
    }

    @Test
    void integerTypesTruncateAndClamp() throws IOException {
        float[][] out = run(image(1, 1), List.of(new ScaleLinear(List.of(30.0), List.of(-100.5))),
                List.of(new EnsureDtype("uint8")));
        for (int i = 0; i < 20; i++) {
            double v = 30.0 * i - 100.5;
            assertEquals(Math.max(0, Math.min(255, (long) v)), out[0][i], 0, "pixel " + i);
        }
    }

    @Test
    void stepsThatCannotRunPerTileAreRejectedWithReasons() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new DeclaredProcessing(
                List.of(new Clip(0, 1), new ScaleRange(0, 100, EPS, false, true, false)),
                List.of(new ZeroMeanUnitVariance(EPS, false, true), new ScaleRange(1, 99, EPS, false, true, false))));
        assertTrue(e.getMessage().contains("preprocessing scale_range after a non-linear step")
                && e.getMessage().contains("postprocessing zero_mean_unit_variance over the output itself")
                && e.getMessage().contains("postprocessing scale_range over the output itself"), e.getMessage());
        ModelFormatException channels = assertThrows(ModelFormatException.class, () -> new ModelDescriptor("x", "",
                ModelTask.DENOISE, TorchScriptSpec.nchw(2, 2, 1, 1, 0, false), ModelDescriptor.Normalization
                        .declared(new DeclaredProcessing(List.of(new ScaleLinear(List.of(1.0, 2.0, 3.0),
                                List.of(0.0, 0.0, 0.0))), List.of())),
                new ModelDescriptor.Tiling(64, 0, 0), null, Map.of()));
        assertTrue(channels.getMessage().contains("3 values for a tensor of 2 channels"), channels.getMessage());
    }
}
