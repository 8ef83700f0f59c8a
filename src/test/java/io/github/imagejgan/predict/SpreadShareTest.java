package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.TileFunction;
import io.github.imagejgan.image.TileSpec;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.task.TaskMonitor;

/**
 * Noise spread over neighbouring pixels: its spread read back from the noise estimate's correlation, probes correlated
 * as it is, and the share of an over-smoothing network's correction that Stein's unbiased risk estimate for such
 * noise keeps.
 */
class SpreadShareTest {

    private static final int SIZE = 128;

    private static final ValueMapping.PerPlane IDENTITY = (z, t) -> new ValueMapping(List.of(LinearMap.IDENTITY),
            UnaryOperator.identity(), UnaryOperator.identity(), LinearMap.IDENTITY);

    private static final TiledProcessor PROCESSOR = new TiledProcessor(new TileSpec(64, 16, 0, 1, 0, true), 1, 1,
            Device.cpu());

    @Test
    void probesAreCorrelatedAsSpreadNoiseAndTheSpreadIsReadBack() {
        float[] probe = SpreadNoise.probe(SIZE, SIZE, 1, new Random(3));
        double squares = 0;
        double products = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                float v = probe[y * SIZE + x];
                squares += v * v;
                if (x + 1 < SIZE) {
                    products += v * probe[y * SIZE + x + 1];
                }
            }
        }
        assertEquals(1, squares / probe.length, 0.1, "unit variance per pixel");
        assertEquals(Math.exp(-0.25), products / (squares * (SIZE - 1) / SIZE), 0.05);
        for (double spread : new double[] { 0.7, 1, 1.5 }) {
            float[] noise = SpreadNoise.probe(256, 256, spread, new Random(11));
            double read = SpreadNoise.spreadOf(NoiseCeiling.estimate(noise, new float[noise.length], 256, 256)
                    .neighbourCorrelation());
            assertEquals(spread, read, 0.1 * spread, "spread " + spread);
        }
        assertEquals(0, SpreadNoise.spreadOf(-0.6), "white noise");
        // An 8 x 8 block about its mean holds 63/64 of white noise, less of noise spread wider.
        assertEquals(63 / 64.0, SpreadNoise.blockFraction(0), 0.02);
        assertTrue(SpreadNoise.blockFraction(1) < 0.85 && SpreadNoise.blockFraction(1) > 0.7);
        assertTrue(SpreadNoise.blockFraction(2) < SpreadNoise.blockFraction(1));
    }

    @Test
    void theResidualLineReadsSpreadNoiseThatGrowsWithBrightness() {
        // Photon-like noise (variance 0.5 times the value) spread by 1 pixel over a ramp, an ideal network's residual.
        int size = 256;
        float[] truth = new float[size * size];
        float[] noisy = new float[size * size];
        float[] noise = SpreadNoise.probe(size, size, 1, new Random(9));
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                truth[i] = 100 + 900f * x / size;
                noisy[i] = (float) (truth[i] + Math.sqrt(0.5 * truth[i]) * noise[i]);
            }
        }
        NoiseCeiling.Line line = SpreadShare.residualLine(SpreadShare.residual(noisy, truth), truth, size,
                size, 1);
        for (double value : new double[] { 200, 500, 900 }) {
            assertEquals(0.5 * value, line.variance(value), 0.2 * 0.5 * value, "at " + value + ": " + line);
        }
    }

    @Test
    void theShareGivesBackWhatAnOverSmoothingNetworkTookBeyondTheNoise() {
        // A ramp with stripes on its left half and faint spread noise: a 5 x 5 mean removes the noise and most of
        // the stripes; the share gives the stripes back, near the best share the truth gives.
        float[] truth = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double stripes = x < SIZE / 2 ? 0.05 * Math.sin(x * 0.9 + y * 0.4) : 0;
                truth[y * SIZE + x] = (float) ((x + y) / (2.0 * SIZE) + stripes);
            }
        }
        float[] noise = SpreadNoise.probe(SIZE, SIZE, 1, new Random(5));
        float[] noisy = truth.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += 0.01f * noise[i];
        }
        HyperImage<?> image = ImagePlusImages.wrap(new ImagePlus("noisy", new FloatProcessor(SIZE, SIZE,
                noisy.clone())));
        TileFunction box = SpreadShareTest::boxMean;
        SpreadShare.Fit fit = SpreadShare.fit(image, IDENTITY, (z, t, mapping) -> new ArrayList<>(List.of(image.plane(
                0, z, t))), PROCESSOR, box, planes -> planes, 1, false, TaskMonitor.NONE);
        double share = fit.share();
        // Had the spread only been suspected, a share under one half would leave the image to the white denoising.
        assertTrue(fit.spread() && !fit.confirms(), fit.toString());
        float[] smoothed = result(noisy, box);
        double best = 0;
        double bestError = Double.MAX_VALUE;
        for (int k = 0; k <= 100; k++) {
            double error = error(noisy, smoothed, k / 100.0, truth);
            if (error < bestError) {
                bestError = error;
                best = k / 100.0;
            }
        }
        assertTrue(share < 0.5, "the stripes kept: share " + share);
        assertEquals(best, share, 0.15, "near the truth's best share");
        assertTrue(error(noisy, smoothed, share, truth) < 1.2 * bestError);
        assertTrue(error(noisy, smoothed, share, truth) < 0.5 * error(noisy, smoothed, 1, truth));
    }

    @Test
    void theResidualTellsSpreadNoiseFromWhiteNoise() {
        // A ramp and noise: the 5 x 5 mean's residual holds the noise it removed, whose neighbouring second
        // differences tell white noise from noise spread by 0.6 pixels.
        float[] truth = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                truth[y * SIZE + x] = (float) ((x + y) / (2.0 * SIZE));
            }
        }
        TileFunction box = SpreadShareTest::boxMean;
        SpreadShare.Fit[] fits = new SpreadShare.Fit[2];
        double[] spreads = { 0, 0.6 };
        for (int k = 0; k < 2; k++) {
            float[] noise = SpreadNoise.probe(SIZE, SIZE, spreads[k], new Random(21));
            float[] noisy = truth.clone();
            for (int i = 0; i < noisy.length; i++) {
                noisy[i] += 0.01f * noise[i];
            }
            HyperImage<?> image = ImagePlusImages.wrap(new ImagePlus("noisy", new FloatProcessor(SIZE, SIZE,
                    noisy)));
            fits[k] = SpreadShare.fit(image, IDENTITY, (z, t, mapping) -> new ArrayList<>(List.of(image.plane(0,
                    z, t))), PROCESSOR, box, planes -> planes, Math.max(0.4, spreads[k]), true, TaskMonitor.NONE);
        }
        assertFalse(fits[0].spread() || fits[0].confirms(), "white: " + fits[0]);
        assertTrue(fits[1].spread() && fits[1].confirms(), "spread by 0.6 pixels: " + fits[1]);
        // A network that removes nothing is no network for the noise.
        HyperImage<?> flat = ImagePlusImages.wrap(new ImagePlus("flat", new FloatProcessor(SIZE, SIZE, truth)));
        assertFalse(SpreadShare.fit(flat, IDENTITY, (z, t, mapping) -> new ArrayList<>(List.of(flat.plane(0, z,
                t))), PROCESSOR, batch -> batch.duplicate(), planes -> planes, 0.6, true, TaskMonitor.NONE).spread());
    }

    /** Squared error of {@code noisy + share (smoothed - noisy)} against the truth. */
    private static double error(float[] noisy, float[] smoothed, double share, float[] truth) {
        double sum = 0;
        for (int i = 0; i < noisy.length; i++) {
            double d = noisy[i] + share * (smoothed[i] - noisy[i]) - truth[i];
            sum += d * d;
        }
        return sum;
    }

    private static NDArray boxMean(NDArray batch) {
        return Pool.avgPool2d(batch, new Shape(5, 5), new Shape(1, 1), new Shape(2, 2), false, false);
    }

    private static float[] result(float[] noisy, TileFunction network) {
        float[] out = new float[noisy.length];
        PROCESSOR.processPlane(List.of(PlaneAccesses.floats(noisy.clone(), SIZE, SIZE)), List.of(PlaneAccesses.floats(
                out, SIZE, SIZE)), LinearMap.IDENTITY, LinearMap.IDENTITY, network, TaskMonitor.NONE);
        return out;
    }
}
