package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.image.UnsupportedImageException;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

class IsotropicRestorationTest {

    private static final int W = 20;
    private static final int H = 12;
    private static final int SLICES = 5;
    private static final int FACTOR = 3;

    @TempDir
    Path dir;

    /** A 16-bit stack of positive random values, slices FACTOR pixel widths apart. */
    private static ImagePlus stack(long seed) {
        ImagePlus imp = IJ.createHyperStack("stack.tif", W, H, 1, SLICES, 1, 16);
        Random random = new Random(seed);
        for (int i = 1; i <= imp.getStackSize(); i++) {
            short[] p = (short[]) imp.getStack().getPixels(i);
            for (int k = 0; k < p.length; k++) {
                p[k] = (short) (100 + random.nextInt(2000));
            }
        }
        imp.getCalibration().pixelWidth = 0.2;
        imp.getCalibration().pixelHeight = 0.2;
        imp.getCalibration().pixelDepth = 0.2 * FACTOR;
        return imp;
    }

    private static float value(ImagePlus imp, int x, int y, int z) {
        return imp.getStack().getProcessor(z + 1).getf(x, y);
    }

    /** The stack's value at (x, y) and isotropic slice z, linear along z as the restoration resamples it. */
    private static double linear(ImagePlus imp, int x, int y, int z) {
        int low = Math.min(z / FACTOR, SLICES - 1);
        int up = Math.min(low + (z > low * FACTOR ? 1 : 0), SLICES - 1);
        double w = up == low ? 0 : (z - low * FACTOR) / (double) FACTOR;
        return (1 - w) * value(imp, x, y, low) + w * value(imp, x, y, up);
    }

    @Test
    void aPassThroughModelGivesLinearInterpolationAlongZWithCubicVoxels() throws IOException {
        ImagePlus input = stack(1);
        Path model = TestModels.passThroughIsotropic(dir.resolve("iso.zip"), "iso", FACTOR, 32);
        ImagePlus out = new Operation(ModelTask.ISOTROPIC, model.toString(), OutputType.FLOAT32, "auto", "cpu", 0,
                false, false).run(input, t -> null, TaskMonitor.NONE, m -> { });
        assertEquals(W, out.getWidth());
        assertEquals(H, out.getHeight());
        assertEquals(SLICES * FACTOR, out.getNSlices());
        assertEquals(32, out.getBitDepth());
        assertEquals(0.2, out.getCalibration().pixelDepth, 1e-9);
        assertEquals("stack-isotropic", out.getTitle());
        for (int z = 0; z < SLICES * FACTOR; z++) {
            for (int y = 0; y < H; y += 3) {
                for (int x = 0; x < W; x += 4) {
                    double expected = linear(input, x, y, z);
                    assertEquals(expected, value(out, x, y, z), 1e-4 * expected, "x " + x + ", y " + y + ", z " + z);
                }
            }
        }
        assertEquals(0.2 * FACTOR, input.getCalibration().pixelDepth, 1e-9, "input unchanged");
    }

    /** The views of a volume (rows are z), each view a slice, as ImageJ's Reslice would make them. */
    private static ImagePlus views(float[][][] volume, boolean xz) {
        int depth = volume.length;
        ImageStack stack = new ImageStack(xz ? W : H, depth);
        for (int v = 0; v < (xz ? H : W); v++) {
            float[] plane = new float[(xz ? W : H) * depth];
            for (int z = 0; z < depth; z++) {
                for (int u = 0; u < (xz ? W : H); u++) {
                    plane[z * (xz ? W : H) + u] = xz ? volume[z][v][u] : volume[z][u][v];
                }
            }
            stack.addSlice(null, plane);
        }
        return new ImagePlus("views", stack);
    }

    @Test
    void theNetworkRestoresTheXzAndYzViewsAndTheirGeometricMeanIsTheResult() throws IOException {
        ImagePlus input = stack(2);
        // NB: random weights: a network with no symmetry, so that the views cannot be mixed up unnoticed. The
        // stack's minimum and maximum as its normalization: the same for the stack and for its interpolated views.
        Path file = TestModels.untrained(dir.resolve("random.zip"), "random", new UNetSpec(1, 1, 2, 4, true, false,
                false), ModelTask.ISOTROPIC, 32, new ModelDescriptor.Normalization(0, 100));
        float[][][] volume = new float[SLICES * FACTOR][H][W];
        for (int z = 0; z < volume.length; z++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    volume[z][y][x] = (float) linear(input, x, y, z);
                }
            }
        }
        try (LoadedModel loaded = ModelPackage.load(file, Device.cpu())) {
            Predictor predictor = new Predictor(loaded);
            PredictionOptions options = PredictionOptions.DEFAULT;
            ImagePlus out = new IsotropicRestoration(predictor, FACTOR).run(input, options, TaskMonitor.NONE);
            ImagePlus xz = predictor.predict(views(volume, true), null, options, TaskMonitor.NONE);
            ImagePlus yz = predictor.predict(views(volume, false), null, options, TaskMonitor.NONE);
            List<Double> errors = new ArrayList<>();
            int differ = 0;
            for (int z = 0; z < volume.length; z++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        float a = xz.getStack().getProcessor(y + 1).getf(x, z);
                        float b = yz.getStack().getProcessor(x + 1).getf(y, z);
                        differ += Math.abs(a - b) > 1 ? 1 : 0;
                        double expected = IsotropicRestoration.fuse(a, b);
                        errors.add(Math.abs(value(out, x, y, z) - expected));
                    }
                }
            }
            assertTrue(differ > volume.length * H * W / 2, "the two views' results differ: " + differ);
            assertTrue(errors.stream().mapToDouble(Double::doubleValue).max().orElseThrow() < 0.05,
                    "the result is the fused views");
        }
    }

    @Test
    void eachChannelAndTimePointOfAHyperstackIsAVolumeOfItsOwn() throws IOException {
        ImagePlus input = IJ.createHyperStack("hyper", W, H, 2, 3, 2, 16);
        Random random = new Random(9);
        for (int i = 1; i <= input.getStackSize(); i++) {
            short[] p = (short[]) input.getStack().getPixels(i);
            for (int k = 0; k < p.length; k++) {
                p[k] = (short) (100 * i + random.nextInt(50));
            }
        }
        Path model = TestModels.passThroughIsotropic(dir.resolve("iso.zip"), "iso", FACTOR, 32);
        ImagePlus out = new Operation(ModelTask.ISOTROPIC, model.toString(), OutputType.FLOAT32, "auto", "cpu", 0,
                false, false).run(input, t -> null, TaskMonitor.NONE, m -> { });
        assertEquals(2, out.getNChannels());
        assertEquals(3 * FACTOR, out.getNSlices());
        assertEquals(2, out.getNFrames());
        for (int c = 1; c <= 2; c++) {
            for (int t = 1; t <= 2; t++) {
                for (int z = 0; z < 3 * FACTOR; z++) {
                    int low = Math.min(z / FACTOR, 2);
                    int up = Math.min(low + (z > low * FACTOR ? 1 : 0), 2);
                    double w = up == low ? 0 : (z - low * FACTOR) / (double) FACTOR;
                    float a = input.getStack().getProcessor(input.getStackIndex(c, low + 1, t)).getf(5, 7);
                    float b = input.getStack().getProcessor(input.getStackIndex(c, up + 1, t)).getf(5, 7);
                    double expected = (1 - w) * a + w * b;
                    assertEquals(expected, out.getStack().getProcessor(out.getStackIndex(c, z + 1, t)).getf(5, 7),
                            1e-3 * expected, "channel " + c + ", frame " + t + ", slice " + z);
                }
            }
        }
    }

    @Test
    void fusesByTheGeometricMeanWherePositive() {
        assertEquals(4f, IsotropicRestoration.fuse(2, 8));
        assertEquals(3f, IsotropicRestoration.fuse(-2, 8));
        assertEquals(0f, IsotropicRestoration.fuse(0, 0));
    }

    @Test
    void refusesSingleSlicesAndOtherModels() throws IOException {
        Path iso = TestModels.passThroughIsotropic(dir.resolve("iso.zip"), "iso", FACTOR, 32);
        Operation operation = new Operation(ModelTask.ISOTROPIC, iso.toString(), OutputType.FLOAT32, "auto", "cpu", 0,
                false, false);
        ImagePlus single = IJ.createImage("one", "16-bit random", W, H, 1);
        assertTrue(assertThrows(UnsupportedImageException.class, () -> operation.run(single, t -> null,
                TaskMonitor.NONE, m -> { })).getMessage().contains("single slice"));
        Path denoiser = TestModels.passThrough(dir.resolve("d.zip"), "d", new UNetSpec(1, 1, 2, 4, true, false,
                false), ModelTask.DENOISE, 32, false);
        try (LoadedModel loaded = ModelPackage.load(denoiser, Device.cpu())) {
            assertThrows(UserException.class, () -> new IsotropicRestoration(new Predictor(loaded), FACTOR));
        }
        Path unrecorded = TestModels.untrained(dir.resolve("u.zip"), "u", new UNetSpec(1, 1, 2, 4, true, false,
                false), ModelTask.ISOTROPIC, 32);
        try (LoadedModel loaded = ModelPackage.load(unrecorded, Device.cpu())) {
            assertTrue(assertThrows(UserException.class, () -> IsotropicRestoration.factorOf(loaded.descriptor()))
                    .getMessage().contains("slice spacing"));
        }
        Operation preview = new Operation(ModelTask.ISOTROPIC, iso.toString(), OutputType.FLOAT32, "auto", "cpu", 0,
                true, false);
        assertThrows(UserException.class, () -> preview.run(stack(3), t -> null, TaskMonitor.NONE, m -> { }));
    }

    @Test
    void warnsWhenTheCalibrationPutsTheSlicesElsewhere() throws IOException {
        Path iso = TestModels.passThroughIsotropic(dir.resolve("iso.zip"), "iso", FACTOR, 32);
        try (LoadedModel loaded = ModelPackage.load(iso, Device.cpu())) {
            ImagePlus fits = stack(4);
            assertNull(IsotropicRestoration.spacingWarning(loaded.descriptor(), fits));
            fits.getCalibration().pixelDepth = 0.2 * 8;
            String warning = IsotropicRestoration.spacingWarning(loaded.descriptor(), fits);
            assertNotNull(warning);
            assertTrue(warning.contains("3 pixel widths"), warning);
        }
    }
}
