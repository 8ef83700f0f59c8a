package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.TileFunction;
import io.github.imagejgan.image.TileSpec;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.Layers;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

class CorrectionStrengthTest {

    @TempDir
    Path dir;

    private static final ValueMapping.PerPlane IDENTITY = (z, t) -> new ValueMapping(List.of(LinearMap.IDENTITY),
            UnaryOperator.identity(), UnaryOperator.identity(), LinearMap.IDENTITY);

    private static final TiledProcessor PROCESSOR = new TiledProcessor(new TileSpec(32, 8, 0, 1)
            .withoutEdgeContext(), 2, 1, Device.cpu());

    /** Random values constant over 4 x 4 blocks: both reductions by 2, enlarged by repetition, give it back. */
    private static HyperImage<?> blocks(int size, long seed) {
        Random random = new Random(seed);
        float[] block = new float[(size / 4) * (size / 4)];
        for (int i = 0; i < block.length; i++) {
            block[i] = random.nextFloat();
        }
        float[] pixels = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                pixels[y * size + x] = block[(y / 4) * (size / 4) + x / 4];
            }
        }
        return ImagePlusImages.wrap(new ImagePlus("blocks", new FloatProcessor(size, size, pixels)));
    }

    private static NDArray nearest(NDArray batch) {
        return batch.repeat(2, 2).repeat(3, 2);
    }

    private static double fit(HyperImage<?> image, TileFunction network) {
        return CorrectionStrength.fit(image, IDENTITY, PROCESSOR, network, 2, planes -> planes, TaskMonitor.NONE);
    }

    @Test
    void aNetworkThatEnlargesTheImageExactlyKeepsItsWholeCorrection() {
        assertEquals(1, fit(blocks(64, 1), CorrectionStrengthTest::nearest), 1e-4);
    }

    @Test
    void aNetworkThatOvershootsByTwiceIsHalved() {
        TileFunction twice = batch -> {
            NDArray b = Layers.upsampleBicubic(batch, 2);
            return b.add(nearest(batch).sub(b).mul(batch.getManager().create(2f)));
        };
        assertEquals(0.5, fit(blocks(64, 2), twice), 1e-3);
    }

    @Test
    void aNetworkThatAddsOnlyNoiseFallsBackToBicubic() {
        TileFunction noise = batch -> Layers.upsampleBicubic(batch, 2).add(batch.getManager().randomNormal(0, 0.3f,
                new Shape(batch.getShape().get(0), batch.getShape().get(1), 2 * batch.getShape().get(2),
                        2 * batch.getShape().get(3)), batch.getDataType()));
        assertTrue(fit(blocks(64, 3), noise) < 0.1);
    }

    @Test
    void bicubicItselfAndImagesTooSmallToReduceKeepTheNetwork() {
        assertEquals(1, fit(blocks(64, 4), batch -> Layers.upsampleBicubic(batch, 2)));
        // 28 / 2 = 14 pixels, under the smallest reduction.
        assertEquals(1, fit(blocks(28, 5), batch -> nearest(batch).mul(batch.getManager().create(0f))));
        assertEquals(0, CorrectionStrength.tiles(blocks(28, 5), PROCESSOR, 2));
    }

    @Test
    void bothReductionsLieOnTheSameGrid() {
        float[] image = { 1, 2, 5, 6, 3, 4, 7, 8 };
        assertArrayEquals(new float[] { 2.5f, 6.5f }, CorrectionStrength.reduce(image, 4, 2, 1, 2, false));
        assertArrayEquals(new float[] { 2.5f, 6.5f }, CorrectionStrength.reduce(image, 4, 2, 1, 2, true));
        float[] diagonalOnly = { 1, 100, 100, 7 };
        assertArrayEquals(new float[] { 4 }, CorrectionStrength.reduce(diagonalOnly, 2, 1, 1, 2, true));
    }

    @Test
    void stacksAreFittedOnAFewPlanesSpreadOverThem() {
        assertArrayEquals(new int[] { 0 }, CorrectionStrength.fittedPlanes(1));
        assertArrayEquals(new int[] { 0, 1, 2 }, CorrectionStrength.fittedPlanes(3));
        assertArrayEquals(new int[] { 12, 37, 62, 87 }, CorrectionStrength.fittedPlanes(100));
    }

    @Test
    void strengthsAreAutoOrAShare() {
        assertEquals(PredictionOptions.FITTED_STRENGTH, CorrectionStrength.parse(" Auto "));
        assertEquals(0.25, CorrectionStrength.parse("0.25"));
        for (String wrong : new String[] { "1.5", "-1", "strong", "", "NaN" }) {
            assertThrows(UserException.class, () -> CorrectionStrength.parse(wrong), wrong);
        }
        assertThrows(UserException.class, () -> PredictionOptions.DEFAULT.withStrength(1.5));
        assertEquals("auto", CorrectionStrength.format(PredictionOptions.FITTED_STRENGTH));
        assertEquals(PredictionOptions.FITTED_STRENGTH, PredictionOptions.DEFAULT.strength());
    }

    @Test
    void onlyFactorTwoIsFittedAndOnlySuperResolutionIsBlended() throws IOException {
        ModelDescriptor x2 = ModelPackage.open(TestModels.passThrough(dir.resolve("x2.zip"), "x2", new ResidualSrSpec(
                1, 4, 1, 2), ModelTask.SUPER_RESOLUTION, 32, false)).descriptor();
        ModelDescriptor x4 = ModelPackage.open(TestModels.passThrough(dir.resolve("x4.zip"), "x4", new ResidualSrSpec(
                1, 4, 1, 4), ModelTask.SUPER_RESOLUTION, 32, false)).descriptor();
        ModelDescriptor denoiser = ModelPackage.open(TestModels.passThrough(dir.resolve("dn.zip"), "dn",
                new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 32, false)).descriptor();
        double fitted = PredictionOptions.FITTED_STRENGTH;
        assertEquals(fitted, CorrectionStrength.chosen(x2, fitted));
        assertEquals(0.3, CorrectionStrength.chosen(x2, 0.3));
        assertEquals(1, CorrectionStrength.chosen(x4, fitted));
        assertEquals(0.3, CorrectionStrength.chosen(x4, 0.3));
        assertEquals(1, CorrectionStrength.chosen(denoiser, fitted));
        assertEquals(1, CorrectionStrength.chosen(denoiser, 0.3));
    }

    @Test
    void theSuperResolutionCommandBlendsAndFitsOverTheWholeImage() throws IOException {
        // A linear ramp: bicubic interpolation enlarges it exactly, pixel repetition does not.
        int w = 64;
        float[] ramp = new float[w * w];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 100 + (i % w) * 3 + (i / w) * 2;
        }
        ImagePlus input = new ImagePlus("ramp", new FloatProcessor(w, w, ramp));
        try (LoadedModel model = ModelPackage.load(TestModels.passThrough(dir.resolve("sr.zip"), "pass-sr",
                new ResidualSrSpec(1, 4, 1, 2, ResidualSrSpec.NEAREST), ModelTask.SUPER_RESOLUTION, 32, false), Device.cpu());
                NDManager manager = NDManager.newBaseManager()) {
            Predictor predictor = new Predictor(model);
            float[] network = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(1),
                    TaskMonitor.NONE));
            float[] bicubic = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(0),
                    TaskMonitor.NONE));
            float[] half = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(0.5),
                    TaskMonitor.NONE));
            float[] fitted = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT, TaskMonitor.NONE));
            float[] expected = Layers.upsampleBicubic(manager.create(ramp, new Shape(1, 1, w, w)), 2).toFloatArray();
            double networkError = 0;
            double fittedError = 0;
            for (int y = 4; y < 2 * w - 4; y++) {
                for (int x = 4; x < 2 * w - 4; x++) {
                    int i = y * 2 * w + x;
                    assertEquals(expected[i], bicubic[i], 0.01, "strength 0 is bicubic at " + x + "," + y);
                    assertEquals((network[i] + bicubic[i]) / 2, half[i], 0.01, "half way at " + x + "," + y);
                    networkError += Math.abs(network[i] - expected[i]);
                    fittedError += Math.abs(fitted[i] - expected[i]);
                }
            }
            assertTrue(networkError > 1000, "pixel repetition is far from the ramp: " + networkError);
            // NB: not 0: at the image's edges, where bicubic interpolation repeats the edge, the ramp's reduction
            // enlarged differs from the ramp, and pixel repetition happens to agree with that a little.
            assertTrue(fittedError < networkError / 4, "fitted " + fittedError + " against " + networkError);
        }
    }

    private static float[] pixels(ImagePlus image) {
        return (float[]) image.getProcessor().getPixels();
    }
}
