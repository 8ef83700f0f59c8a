package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.degrade.PoissonGaussianNoise;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.TileFunction;
import io.github.imagejgan.image.TileSpec;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.model.DeclaredProcessing;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.model.ProcessingStep;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.UNet3dSpec;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

class DenoiseStrengthTest {

    @TempDir
    Path dir;

    private static final int SIZE = 96;

    private static final ValueMapping.PerPlane IDENTITY = (z, t) -> new ValueMapping(List.of(LinearMap.IDENTITY),
            UnaryOperator.identity(), UnaryOperator.identity(), LinearMap.IDENTITY);

    /** Tiles mirrored at the image's edges, so that the test networks' means see no zeros there. */
    private static final TiledProcessor PROCESSOR = new TiledProcessor(new TileSpec(48, 16, 0, 1, 0, true), 1, 1,
            Device.cpu());

    /** The whole image as one tile, with context past the reach of every filter, the refinement's included. */
    private static final TiledProcessor SINGLE = new TiledProcessor(new TileSpec(SIZE, 48, 0, 1, 0, true), 1, 1,
            Device.cpu());

    /** A smooth ramp from 0 to 1 over the image, plus fine stripes of the given amplitude on its left half. */
    private static float[] truth(double stripes) {
        float[] pixels = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double ramp = (x + y) / (2.0 * SIZE);
                double texture = x < SIZE / 2 ? stripes * Math.sin(x * Math.PI / 2 + y * 0.7) : 0;
                pixels[y * SIZE + x] = (float) (ramp + texture);
            }
        }
        return pixels;
    }

    /** {@code truth} plus Gaussian noise of deviation {@code sigma}, drawn from {@code seed}. */
    static float[] withNoise(float[] truth, double sigma, long seed) {
        Random random = new Random(seed);
        float[] noisy = truth.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (sigma * random.nextGaussian());
        }
        return noisy;
    }

    private static HyperImage<?> image(float[] pixels) {
        return ImagePlusImages.wrap(new ImagePlus("noisy", new FloatProcessor(SIZE, SIZE, pixels.clone())));
    }

    /** A 5 x 5 mean: removes faint noise and every fine texture with it, as an over-smoothing network would. */
    private static NDArray boxMean(NDArray batch) {
        return Pool.avgPool2d(batch, new Shape(5, 5), new Shape(1, 1), new Shape(2, 2), false, false);
    }

    private static DenoiseStrength.Blend fit(float[] noisy, TileFunction network) {
        return fit(image(noisy), network);
    }

    private static DenoiseStrength.Blend fit(HyperImage<?> image, TileFunction network) {
        return DenoiseStrength.fit(image, IDENTITY, (z, t, mapping) -> new ArrayList<>(List.of(image.plane(0, z, t))),
                PROCESSOR, network, planes -> planes, TaskMonitor.NONE);
    }

    /** The sum of squared differences of {@code a} and {@code b}. */
    static double squaredError(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum;
    }

    @Test
    void theNoiseCeilingReadsGaussianNoiseOnSmoothContentAndNeverMuchLowUnderTexture() {
        double sigma = 0.02;
        float[] smooth = truth(0);
        NoiseCeiling.Line flat = NoiseCeiling.estimate(withNoise(smooth, sigma, 1), smooth, SIZE, SIZE).line();
        assertNotNull(flat);
        double read = Math.sqrt(flat.variance(0.5));
        assertTrue(Math.abs(read / sigma - 1) < 0.1, "smooth: " + read + " for " + sigma);
        // Texture over the whole image: no quiet block is left, and the estimate can only rise.
        float[] textured = new float[SIZE * SIZE];
        Random random = new Random(7);
        for (int i = 0; i < textured.length; i++) {
            textured[i] = (float) (0.5 + 0.1 * random.nextGaussian());
        }
        NoiseCeiling.Line high = NoiseCeiling.estimate(withNoise(textured, sigma, 2), textured, SIZE, SIZE).line();
        assertTrue(Math.sqrt(high.variance(0.5)) > 2 * sigma, "texture everywhere reads high");
        float[] half = truth(0.05);
        NoiseCeiling.Line halfLine = NoiseCeiling.estimate(withNoise(half, sigma, 3), half, SIZE, SIZE).line();
        assertTrue(Math.sqrt(halfLine.variance(0.5)) > 0.95 * sigma, "texture on half the image never reads low");
    }

    /** {@code noisy - truth} smoothed by the binomial kernel [1 2 1] / 4 along both axes, added back to the truth. */
    private static float[] correlated(float[] truth, float[] noisy) {
        float[] noise = new float[noisy.length];
        for (int pass = 0; pass < 2; pass++) {
            int step = pass == 0 ? 1 : SIZE;
            float[] from = pass == 0 ? new float[noisy.length] : noise.clone();
            if (pass == 0) {
                for (int i = 0; i < noisy.length; i++) {
                    from[i] = noisy[i] - truth[i];
                }
            }
            for (int i = 0; i < noisy.length; i++) {
                int along = pass == 0 ? i % SIZE : i / SIZE;
                float before = along > 0 ? from[i - step] : from[i];
                float after = along < SIZE - 1 ? from[i + step] : from[i];
                noise[i] = 0.25f * before + 0.5f * from[i] + 0.25f * after;
            }
        }
        float[] out = truth.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += noise[i];
        }
        return out;
    }

    @Test
    void noiseSpreadOverNeighboursIsToldFromWhiteNoiseAndNotFitted() {
        float[] truth = truth(0.05);
        float[] white = withNoise(truth, 0.01, 12);
        NoiseCeiling.Estimate whiteEstimate = NoiseCeiling.estimate(white, truth, SIZE, SIZE);
        assertTrue(whiteEstimate.white(), "white: " + whiteEstimate);
        float[] blurred = correlated(truth, withNoise(truth, 0.02, 12));
        NoiseCeiling.Estimate blurredEstimate = NoiseCeiling.estimate(blurred, truth, SIZE, SIZE);
        assertTrue(!blurredEstimate.white(), "blurred: " + blurredEstimate);
        // The box mean removes the texture: fitted on white noise, kept whole on the blurred noise.
        assertTrue(fit(white, DenoiseStrengthTest::boxMean).network() < 0.6);
        assertNetworkAlone(fit(blurred, DenoiseStrengthTest::boxMean));
    }

    @Test
    void noiseSpreadByHalfAPixelIsSuspectedWhileItsWhiteBlendIsKept() {
        // Spread by 0.55 pixels, noise reads as white in the quiet blocks, only a little more correlated than white
        // noise: the blend keeps its white mix (the image is denoised as white noise unless a network for spread
        // noise finds otherwise) and says what spread the noise may have.
        float[] truth = squares();
        float[] spread = SpreadNoise.probe(SIZE, SIZE, 0.55, new Random(17));
        float[] noisy = truth.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += 0.05f * spread[i];
        }
        NoiseCeiling.Estimate estimate = NoiseCeiling.estimate(noisy, truth, SIZE, SIZE);
        assertTrue(estimate.white() && estimate.neighbourCorrelation() > NoiseCeiling.SPREAD_SUSPECTED,
                "read in between: " + estimate);
        TileFunction box = batch -> Pool.avgPool2d(batch, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false,
                false);
        DenoiseStrength.Blend suspected = fit(noisy, box);
        assertTrue(!suspected.spreadNoise() && suspected.suspectedSpread() && suspected.filtered(),
                suspected.describe());
        assertEquals(0.55, suspected.suspected(), 0.1);
        DenoiseStrength.Blend white = fit(withNoise(truth, 0.05, 13), box);
        assertFalse(white.spreadNoise() || white.suspectedSpread(), white.describe());
    }

    @Test
    void theNoiseCeilingLeavesOutWhereTheImageIsClipped() {
        // A background at 0 whose noise the camera cut off, beside grey and white bands, Gaussian noise of 0.02:
        // read with the background, the line would rise from it and pass 8 to 19 % low through the grey band.
        int side = 128;
        float[] truth = new float[side * side];
        for (int i = 0; i < truth.length; i++) {
            int x = i % side;
            truth[i] = x < side / 2 ? 0 : x < 3 * side / 4 ? 0.5f : 1;
        }
        Random random = new Random(11);
        float[] noisy = new float[truth.length];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = (float) Math.max(0, truth[i] + 0.02 * random.nextGaussian());
        }
        NoiseCeiling.Line line = NoiseCeiling.estimate(noisy, truth, side, side).line();
        for (double value : new double[] { 0.5, 1 }) {
            double read = Math.sqrt(line.variance(value));
            assertTrue(read > 0.0192 && read < 0.0225, "at " + value + ": " + read + ", " + line);
        }
    }

    @Test
    void theNoiseCeilingFollowsNoiseThatGrowsWithBrightness() {
        int side = 256;
        float[] truth = new float[side * side];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = 50 + 950f * (i % side) / side;
        }
        Random random = new Random(4);
        float[] noisy = truth.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (Math.sqrt(0.5 * truth[i] + 4) * random.nextGaussian());
        }
        NoiseCeiling.Line line = NoiseCeiling.estimate(noisy, truth, side, side).line();
        assertEquals(0.5, line.gain(), 0.1);
        assertEquals(Math.sqrt(0.5 * 800 + 4), Math.sqrt(line.variance(800)), 0.05 * Math.sqrt(404));
        assertNull(NoiseCeiling.estimate(new float[20 * 20], new float[20 * 20], 20, 20), "too few blocks");
    }

    private static void assertNetworkAlone(DenoiseStrength.Blend blend) {
        assertEquals(1, blend.network(), "network share of " + blend.describe());
        assertTrue(!blend.filtered(), "no filter in " + blend.describe());
    }

    /** What {@code blend} makes of {@code noisy} and the network's result, the filters run here. */
    private static float[] blended(float[] noisy, float[] network, DenoiseStrength.Blend blend) {
        float[][] filtered = blend.filtered() ? NonLocalMeans.apply(noisy, SIZE, SIZE, blend.variances()[0],
                NonLocalMeans.BLENDED) : new float[0][];
        float[][] wieners = new float[PilotWiener.BLENDED.size()][];
        for (int k = 0; k < wieners.length; k++) {
            wieners[k] = blend.filtered() ? PilotWiener.BLENDED.get(k).apply(noisy, network, SIZE, SIZE,
                    blend.variances()[0], 0, 0) : noisy;
        }
        float[] out = new float[noisy.length];
        for (int i = 0; i < noisy.length; i++) {
            double value = noisy[i] + blend.network() * (network[i] - noisy[i]);
            for (int k = 0; k < filtered.length; k++) {
                value += blend.filters()[k] * (filtered[k][i] - noisy[i]);
            }
            for (int k = 0; k < wieners.length; k++) {
                value += blend.wieners()[k] * (wieners[k][i] - noisy[i]);
            }
            out[i] = (float) value;
        }
        return out;
    }

    @Test
    void aNetworkThatRemovesTextureWithFaintNoiseKeepsOnlyPartOfItsCorrection() {
        float[] truth = truth(0.05);
        float[] noisy = withNoise(truth, 0.01, 5);
        DenoiseStrength.Blend blend = fit(noisy, DenoiseStrengthTest::boxMean);
        assertTrue(blend.network() < 0.6, blend.describe());
        float[] network = networkResult(noisy, DenoiseStrengthTest::boxMean);
        double networkError = squaredError(network, truth);
        double blendedError = squaredError(blended(noisy, network, blend), truth);
        assertTrue(blendedError < networkError / 2, "blended " + blendedError + " against " + networkError);
    }

    @Test
    void aNetworkRightForTheNoiseKeepsItsCorrection() {
        // Smooth content: the box mean removes noise and leaves the ramp, the best a network can do.
        float[] truth = truth(0);
        float[] noisy = withNoise(truth, 0.02, 6);
        DenoiseStrength.Blend blend = fit(noisy, DenoiseStrengthTest::boxMean);
        float[] network = networkResult(noisy, DenoiseStrengthTest::boxMean);
        double networkError = squaredError(network, truth);
        double blendedError = squaredError(blended(noisy, network, blend), truth);
        assertTrue(blendedError < 1.1 * networkError, blend.describe() + ": " + blendedError + " against "
                + networkError);
        // The network's correction is kept: by the network's share or by the Wiener filters that it guides (on a
        // smooth ramp the 16-pixel blocks pass what the box mean passes), not by the noisy image.
        double guided = blend.network();
        for (double share : blend.wieners()) {
            guided += share;
        }
        assertTrue(guided > 0.8, blend.describe());
        // A network that changes nothing has nothing to share, and keeps every pixel: no filter joins it.
        assertNetworkAlone(fit(withNoise(truth(0), 0.02, 7), batch -> batch.duplicate()));
    }

    /** Squares of 0 and 1 repeated over the image, like text or a silhouette: non-local means' best case. */
    private static float[] squares() {
        float[] pixels = new float[SIZE * SIZE];
        for (int i = 0; i < pixels.length; i++) {
            int x = i % SIZE;
            int y = i / SIZE;
            pixels[i] = x % 16 < 8 && y % 12 < 6 ? 1 : 0;
        }
        return pixels;
    }

    @Test
    void theBlockMatchedFilterRefinesTheMixOnTextureThatRepeats() {
        // Stripes that a 3 x 3 box mean smooths away: the mix keeps some, and stacks of blocks along the stripes
        // share their signal.
        float[] truth = truth(0.05);
        float[] noisy = withNoise(truth, 0.02, 5);
        TileFunction box = batch -> Pool.avgPool2d(batch, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false,
                false);
        DenoiseStrength.Blend blend = fit(noisy, box);
        assertTrue(blend.refined() > 0.5 && blend.refined() <= 1, blend.describe());
        float[] refined = networkResult(noisy, DenoiseStrength.blend(box, 1, blend), SINGLE);
        float[] unrefined = networkResult(noisy, DenoiseStrength.blend(box, 1, new DenoiseStrength.Blend(
                blend.network(), blend.filters(), blend.wieners(), 0, blend.variances())), SINGLE);
        assertTrue(squaredError(refined, truth) < 0.9 * squaredError(unrefined, truth), blend.describe() + ": "
                + squaredError(refined, truth) + " against " + squaredError(unrefined, truth) + " unrefined");
    }

    @Test
    void nonLocalMeansJoinWhereTheyBeatTheNetwork() {
        // A 3 x 3 box mean blurs every edge of the squares; non-local means keep them.
        float[] truth = squares();
        float[] noisy = withNoise(truth, 0.05, 13);
        TileFunction box = batch -> Pool.avgPool2d(batch, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false,
                false);
        DenoiseStrength.Blend blend = fit(noisy, box);
        assertTrue(blend.filtered(), blend.describe());
        // The refinement's share is SURE's too: between 0 and 1, and the result no worse for it.
        assertTrue(blend.refined() >= 0 && blend.refined() <= 1, blend.describe());
        float[] refined = networkResult(noisy, DenoiseStrength.blend(box, 1, blend), SINGLE);
        float[] unrefined = networkResult(noisy, DenoiseStrength.blend(box, 1, new DenoiseStrength.Blend(
                blend.network(), blend.filters(), blend.wieners(), 0, blend.variances())), SINGLE);
        assertTrue(squaredError(refined, truth) < 1.02 * squaredError(unrefined, truth), blend.describe() + ": "
                + squaredError(refined, truth) + " against " + squaredError(unrefined, truth) + " unrefined");
        // The ceiling's variance: the true 0.0025, or above it where edges leave few quiet blocks.
        assertTrue(blend.variances()[0] > 0.9 * 0.0025 && blend.variances()[0] < 3 * 0.0025, blend.describe()
                + " at " + blend.variances()[0]);
        double sum = blend.network();
        for (double share : blend.wieners()) {
            assertTrue(share >= 0, blend.describe());
            sum += share;
        }
        for (double share : blend.filters()) {
            assertTrue(share >= 0, blend.describe());
            sum += share;
        }
        assertTrue(sum <= 1 + 1e-9, blend.describe());
        float[] network = networkResult(noisy, box);
        double networkError = squaredError(network, truth);
        double blendedError = squaredError(blended(noisy, network, blend), truth);
        assertTrue(blendedError < 0.5 * networkError, blend.describe() + ": " + blendedError + " against "
                + networkError);
        // A network that keeps most of each pixel's value (0.8 of it here) takes the squares' noise for detail: the
        // filters, run at the measured noise, would disagree with it, and stay out.
        TileFunction timid = batch -> batch.mul(0.8f).add(box.apply(batch).mul(0.2f));
        assertTrue(!fit(noisy, timid).filtered(), fit(noisy, timid).describe());
    }

    /**
     * Squares of 16 pixels at {@code bright} expected photons on a {@code background}, each pixel a Poisson count
     * (large enough for quiet 8 x 8 blocks inside them, from which the noise line is read at both brightnesses).
     */
    private static float[] photonSquares(double background, double bright, long seed) {
        float[] expected = new float[SIZE * SIZE];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (i % SIZE % 32 < 16 && i / SIZE % 32 < 16 ? bright : background);
        }
        return new PoissonGaussianNoise(0).apply(expected, seed);
    }

    @Test
    void nonLocalMeansStayOutOfPoissonNoiseOfFewPhotons() {
        TileFunction box = batch -> Pool.avgPool2d(batch, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false,
                false);
        // The median pixel counts 3 photons: Poisson noise far from Gaussian, its variance 5 times lower in the
        // background than on the squares.
        DenoiseStrength.Blend few = fit(photonSquares(3, 15, 21), box);
        assertTrue(!few.filtered(), few.describe());
        // 300 photons: the same shapes, noise close to Gaussian.
        DenoiseStrength.Blend many = fit(photonSquares(300, 1500, 22), box);
        assertTrue(many.filtered(), many.describe());
    }

    @Test
    void theMixTileByTileEqualsTheMixOfTheWholeImage() {
        // Tiles of 48 pixels over a 96-pixel image, starting at multiples of the Wiener blocks' steps, with a halo
        // past the filters' reach (16 pixels; 48 where the refinement needs the mix as far again): the filters run
        // only on each tile's kept part and its reach, and must give what they give on the whole image. The
        // refinement reaches into the tiles' mirrored context at the image's edges, where the mix is the filters'
        // result on mirrored values: there the whole image is one tile with the same context (SINGLE).
        float[] noisy = withNoise(squares(), 0.05, 17);
        TileFunction box = batch -> Pool.avgPool2d(batch, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false,
                false);
        TiledProcessor wide = new TiledProcessor(new TileSpec(48, 48, 0, 1, 0, true), 1, 1, Device.cpu());
        // Both kinds of filter, the Wiener filters alone (non-local means left out where their shares are 0), and
        // both refined by the block-matched filter.
        for (DenoiseStrength.Blend blend : List.of(new DenoiseStrength.Blend(0.3, new double[] { 0.2, 0.2 },
                new double[] { 0.1, 0.1 }, 0, new double[] { 0.0025 }), new DenoiseStrength.Blend(0.3,
                        new double[] { 0, 0 }, new double[] { 0.4, 0.2 }, 0, new double[] { 0.0025 }),
                new DenoiseStrength.Blend(0.3, new double[] { 0.2, 0.2 }, new double[] { 0.1, 0.1 }, 0.6,
                        new double[] { 0.0025 }), new DenoiseStrength.Blend(0.3, new double[] { 0, 0 },
                                new double[] { 0.4, 0.2 }, 1, new double[] { 0.0025 }))) {
            TiledProcessor processor = blend.refined() > 0 ? wide : PROCESSOR;
            float[] tiled = networkResult(noisy, DenoiseStrength.blend(box, 1, blend), processor);
            float[] whole = blend.refined() > 0 ? networkResult(noisy, DenoiseStrength.blend(box, 1, blend), SINGLE)
                    : blended(noisy, networkResult(noisy, box), blend);
            for (int i = 0; i < whole.length; i++) {
                assertEquals(whole[i], tiled[i], 1e-5, blend.describe() + " at " + i);
            }
            // Without the tiles' layout (a caller that does not pass it) the whole tile is filtered: the same
            // result.
            float[] untold = networkResult(noisy, batch -> DenoiseStrength.blend(box, 1, blend).apply(batch),
                    processor);
            for (int i = 0; i < whole.length; i++) {
                assertEquals(whole[i], untold[i], 1e-5, blend.describe() + " at " + i);
            }
            assertTrue(squaredError(whole, networkResult(noisy, box)) > 0, blend.describe());
            if (blend.refined() > 0) {
                DenoiseStrength.Blend unrefined = new DenoiseStrength.Blend(blend.network(), blend.filters(),
                        blend.wieners(), 0, blend.variances());
                assertTrue(squaredError(whole, blended(noisy, networkResult(noisy, box), unrefined)) > 1e-3,
                        blend.describe());
            }
        }
    }

    @Test
    void strongNoiseAndTinyImagesKeepTheNetworkAlone() {
        // Noise of 30 % of the range, over texture the box mean also removes: not fitted.
        assertNetworkAlone(fit(withNoise(truth(0.05), 0.3, 8), DenoiseStrengthTest::boxMean));
        float[] tiny = new float[20 * 20];
        HyperImage<?> small = ImagePlusImages.wrap(new ImagePlus("tiny", new FloatProcessor(20, 20, tiny)));
        assertNetworkAlone(fit(small, DenoiseStrengthTest::boxMean));
        assertEquals(0, DenoiseStrength.tiles(small, PROCESSOR));
    }

    @Test
    void denoisersOfPlanesAndOfSlicesAreBlendedOthersNot() throws IOException {
        ModelDescriptor denoiser = ModelPackage.open(TestModels.passThrough(dir.resolve("dn.zip"), "dn",
                new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 32, false)).descriptor();
        ModelDescriptor slices = ModelPackage.open(TestModels.passThroughSlices(dir.resolve("s.zip"), "s", 1, 32))
                .descriptor();
        ModelDescriptor declared = ModelPackage.open(TestModels.untrained(dir.resolve("d.zip"), "d",
                new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 32, ModelDescriptor.Normalization.declared(
                        new DeclaredProcessing(List.of(), List.of(new ProcessingStep.ScaleLinear(List.of(2.0),
                                List.of(0.0))))))).descriptor();
        ModelDescriptor sr = ModelPackage.open(TestModels.passThrough(dir.resolve("x2.zip"), "x2", new ResidualSrSpec(
                1, 4, 1, 2), ModelTask.SUPER_RESOLUTION, 32, false)).descriptor();
        double fitted = PredictionOptions.FITTED_STRENGTH;
        assertEquals(fitted, DenoiseStrength.chosen(denoiser, fitted));
        assertEquals(0.3, DenoiseStrength.chosen(denoiser, 0.3));
        assertEquals(fitted, DenoiseStrength.chosen(slices, fitted));
        assertEquals(0.3, DenoiseStrength.chosen(slices, 0.3));
        // Outputs in units of the model's own processing cannot be blended with the image.
        assertEquals(1, DenoiseStrength.chosen(declared, fitted));
        assertThrows(UserException.class, () -> DenoiseStrength.chosen(declared, 0.3));
        assertEquals(1, DenoiseStrength.chosen(sr, 0.3));
    }

    @Test
    void aDenoiserOfSlicesBlendsWithTheSliceItRestores() throws IOException {
        // A stack of three noisy slices, an untrained volumetric network that sees one neighbour on each side.
        int slices = 3;
        ImageStack stack = new ImageStack(SIZE, SIZE);
        float[][] noisy = new float[slices][];
        for (int z = 0; z < slices; z++) {
            noisy[z] = withNoise(truth(0.05), 0.01, 20 + z);
            stack.addSlice(new FloatProcessor(SIZE, SIZE, noisy[z].clone()));
        }
        ImagePlus input = new ImagePlus("stack", stack);
        try (LoadedModel model = ModelPackage.load(TestModels.untrainedVolumetric(dir.resolve("v.zip"), "v",
                new UNet3dSpec(1, 2, 4, true), 32), Device.cpu())) {
            Predictor predictor = new Predictor(model);
            ImagePlus network = predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(1),
                    TaskMonitor.NONE);
            ImagePlus none = predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(0),
                    TaskMonitor.NONE);
            ImagePlus fitted = predictor.predict(input, null, PredictionOptions.DEFAULT, TaskMonitor.NONE);
            double along = 0;
            double squared = 0;
            for (int z = 0; z < slices; z++) {
                float[] n = (float[]) network.getStack().getPixels(z + 1);
                float[] y = (float[]) none.getStack().getPixels(z + 1);
                float[] f = (float[]) fitted.getStack().getPixels(z + 1);
                for (int i = 0; i < n.length; i++) {
                    assertEquals(noisy[z][i], y[i], 1e-4, "strength 0 is the slice itself, " + z + " at " + i);
                    along += (n[i] - y[i]) * (f[i] - y[i]);
                    squared += (n[i] - y[i]) * (n[i] - y[i]);
                }
            }
            assertTrue(squared > 1e-6, "the untrained network changes the stack");
            double share = along / squared;
            assertTrue(share >= -1e-6 && share <= 1 + 1e-6, "fitted share " + share);
        }
    }

    @Test
    void theDenoiseCommandBlendsWithTheNoisyImage() throws IOException {
        float[] noisy = withNoise(truth(0.05), 0.01, 9);
        ImagePlus input = new ImagePlus("noisy", new FloatProcessor(SIZE, SIZE, noisy.clone()));
        try (LoadedModel model = ModelPackage.load(TestModels.untrained(dir.resolve("dn.zip"), "dn",
                new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 32), Device.cpu())) {
            Predictor predictor = new Predictor(model);
            float[] network = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(1),
                    TaskMonitor.NONE));
            float[] none = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(0),
                    TaskMonitor.NONE));
            float[] half = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(0.5),
                    TaskMonitor.NONE));
            float[] fitted = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT, TaskMonitor.NONE));
            double moved = 0;
            double along = 0;
            double squared = 0;
            for (int i = 0; i < noisy.length; i++) {
                assertEquals(noisy[i], none[i], 1e-4, "strength 0 is the image at " + i);
                assertEquals((network[i] + noisy[i]) / 2, half[i], 1e-4, "half way at " + i);
                double d = network[i] - noisy[i];
                moved += Math.abs(d);
                along += d * (fitted[i] - noisy[i]);
                squared += d * d;
            }
            assertTrue(moved / noisy.length > 1e-3, "the untrained network changes the image");
            double share = along / squared;
            assertTrue(share >= -1e-6 && share <= 1 + 1e-6, "fitted share " + share);
            for (int i = 0; i < noisy.length; i++) {
                assertEquals(noisy[i] + share * (network[i] - noisy[i]), fitted[i], 1e-4, "one share at " + i);
            }
        }
    }

    /** The network's result on the whole image, as the fit's own passes compute it. */
    private static float[] networkResult(float[] noisy, TileFunction network) {
        return networkResult(noisy, network, PROCESSOR);
    }

    private static float[] networkResult(float[] noisy, TileFunction network, TiledProcessor processor) {
        float[] out = new float[noisy.length];
        processor.processPlane(List.of(PlaneAccesses.floats(noisy.clone(), SIZE, SIZE)),
                List.of(PlaneAccesses.floats(out, SIZE, SIZE)), LinearMap.IDENTITY,
                LinearMap.IDENTITY, network, TaskMonitor.NONE);
        return out;
    }

    private static float[] pixels(ImagePlus image) {
        return (float[]) image.getProcessor().getPixels();
    }
}
