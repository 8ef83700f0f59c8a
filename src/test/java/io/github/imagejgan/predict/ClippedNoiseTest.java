package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.TestMonitors;
import io.github.imagejgan.degrade.PoissonGaussianNoise;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.task.TaskMonitor;

class ClippedNoiseTest {

    private static final int SIZE = 128;
    private static final double SIGMA = 12;

    @TempDir
    Path dir;

    /** An 8-bit scene: black on the left, white on the right, a smooth ramp with a disc between. */
    private static float[] truth() {
        float[] pixels = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double v = x < 40 ? 0 : x >= 100 ? 255 : 40 + 150.0 * (x - 40) / 60;
                if (Math.hypot(x - 70, y - 64) < 12) {
                    v = 120;
                }
                pixels[y * SIZE + x] = (float) v;
            }
        }
        return pixels;
    }

    /** Gaussian noise, rounded, and cut at 0 and 255 where {@code cut} (as an 8-bit file holds it). */
    private static float[] noisy(float[] truth, boolean cut, long seed) {
        Random random = new Random(seed);
        float[] noisy = new float[truth.length];
        for (int i = 0; i < truth.length; i++) {
            double v = Math.round(truth[i] + SIGMA * random.nextGaussian());
            noisy[i] = (float) (cut ? Math.max(0, Math.min(255, v)) : v);
        }
        return noisy;
    }

    /** What an ideal averaging denoiser gives: the mean of each pixel's cut noise, a little off. */
    private static float[] idealDenoised(float[] truth, long seed) {
        Random random = new Random(seed);
        float[] denoised = new float[truth.length];
        for (int i = 0; i < truth.length; i++) {
            double low = ClippedNoise.cutMean(truth[i], SIGMA);
            double high = ClippedNoise.cutMean(255 - truth[i], SIGMA);
            double mean = truth[i] < 128 ? low : 255 - high;
            denoised[i] = (float) (mean + 0.05 * SIGMA * random.nextGaussian());
        }
        return denoised;
    }

    @Test
    void theNormalDistributionAndTheCutMeanAreRight() {
        assertEquals(0.5, ClippedNoise.normalCdf(0), 1e-7);
        assertEquals(0.8413447460685429, ClippedNoise.normalCdf(1), 1e-6);
        assertEquals(0.022750131948179195, ClippedNoise.normalCdf(-2), 1e-6);
        assertEquals(1.959963984540054, ClippedNoise.inverseNormalCdf(0.975), 1e-5);
        assertEquals(SIGMA / Math.sqrt(2 * Math.PI), ClippedNoise.cutMean(0, SIGMA), 1e-9);
        assertEquals(10 * SIGMA, ClippedNoise.cutMean(10 * SIGMA, SIGMA), 1e-6);
    }

    @Test
    void noiseCutAtBothEndsIsFoundWithItsSigma() {
        float[] truth = truth();
        for (long seed = 1; seed <= 3; seed++) {
            List<ClippedNoise.End> ends = ClippedNoise.detect(noisy(truth, true, seed), idealDenoised(truth, seed),
                    SIZE, SIZE);
            assertEquals(2, ends.size(), "seed " + seed);
            for (ClippedNoise.End end : ends) {
                assertEquals(end.direction() == 1 ? 0 : 255, end.level());
                assertEquals(SIGMA, end.sigma(), 0.25 * SIGMA, "seed " + seed);
            }
        }
    }

    @Test
    void aSilhouetteWithNoUncutPartIsFoundByItsTwoEndsAgreeing() {
        // Black and white halves in stripes of 16 pixels: every block touches 0 or 255.
        float[] truth = new float[SIZE * SIZE];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (i % SIZE) / 16 % 2 == 0 ? 0 : 255;
        }
        List<ClippedNoise.End> ends = ClippedNoise.detect(noisy(truth, true, 7), idealDenoised(truth, 7), SIZE,
                SIZE);
        assertEquals(2, ends.size());
        assertEquals(SIGMA, ends.get(0).sigma(), 0.25 * SIGMA);
        // With grey stripes instead of white ones the noise is read from them, and only the black end is cut.
        float[] oneEnd = truth.clone();
        for (int i = 0; i < oneEnd.length; i++) {
            oneEnd[i] = oneEnd[i] == 255 ? 128 : 0;
        }
        List<ClippedNoise.End> black = ClippedNoise.detect(noisy(oneEnd, true, 8), idealDenoised(oneEnd, 8), SIZE,
                SIZE);
        assertEquals(1, black.size());
        assertEquals(1, black.get(0).direction());
    }

    @Test
    void uncutNoiseCleanImagesAndPhotonCountsAreNotTakenForCutNoise() {
        float[] truth = truth();
        assertTrue(ClippedNoise.detect(noisy(truth, false, 4), idealDenoised(truth, 4), SIZE, SIZE).isEmpty(),
                "noise not cut");
        assertTrue(ClippedNoise.detect(truth.clone(), truth.clone(), SIZE, SIZE).isEmpty(), "no noise");
        // Photon counts of a dim scene: many pixels at exactly 0, but counts are not cut noise.
        Random random = new Random(5);
        float[] counts = new float[truth.length];
        float[] means = new float[truth.length];
        for (int i = 0; i < truth.length; i++) {
            means[i] = truth[i] / 25;
            counts[i] = (float) PoissonGaussianNoise.poissonCount(means[i], random);
        }
        assertTrue(ClippedNoise.detect(counts, means, SIZE, SIZE).isEmpty(), "photon counts");
    }

    @Test
    void theBiasOfAnIdeallyDenoisedPlaneNearTheEndsIsRemoved() {
        float[] truth = truth();
        float[] denoised = idealDenoised(truth, 2);
        List<ClippedNoise.End> ends = ClippedNoise.detect(noisy(truth, true, 2), denoised, SIZE, SIZE);
        assertEquals(2, ends.size());
        double before = error(denoised, truth, true);
        double middleBefore = error(denoised, truth, false);
        ClippedNoise.correct(denoised, ends);
        assertTrue(before > 0.35 * SIGMA, "lifted by 0.4 sigma: " + before);
        assertTrue(error(denoised, truth, true) < 0.15 * SIGMA, "after: " + error(denoised, truth, true));
        assertTrue(error(denoised, truth, false) < middleBefore + 0.02 * SIGMA, "the middle as it was");
    }

    @Test
    void aResultStillNoisyNearTheEndsIsLeftAsItIs() throws IOException {
        // The pass-through network keeps the noise (and the fitted mix stays out): its values near the ends are no
        // means, and the removal leaves them.
        float[] truth = truth();
        float[] noisy = noisy(truth, true, 6);
        byte[] bytes = new byte[noisy.length];
        for (int i = 0; i < noisy.length; i++) {
            bytes[i] = (byte) noisy[i];
        }
        ImagePlus input = new ImagePlus("8-bit", new ByteProcessor(SIZE, SIZE, bytes));
        try (LoadedModel model = ModelPackage.load(TestModels.passThrough(dir.resolve("dn.zip"), "dn",
                new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 64, false), Device.cpu())) {
            Predictor predictor = new Predictor(model);
            List<String> log = new ArrayList<>();
            float[] alone = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(1),
                    TaskMonitor.NONE));
            float[] fitted = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT,
                    TestMonitors.reporting((done, total, message) -> log.add(message))));
            assertTrue(log.stream().noneMatch(m -> m.contains("cut at")), log.toString());
            assertEquals(blackMean(alone, truth), blackMean(fitted, truth), 1e-6);
        }
        // The same noisy plane with an ideally denoised one: found, and still noisy near the ends: not.
        assertEquals(2, ClippedNoise.detect(noisy, idealDenoised(truth, 6), SIZE, SIZE).size());
        assertTrue(ClippedNoise.detect(noisy, noisy, SIZE, SIZE).isEmpty());
    }

    private static double blackMean(float[] values, float[] truth) {
        return PlaneStatistics.mean(values, i -> truth[i] == 0);
    }

    /** Root mean squared error at the ends (truth 0 or 255) or between them. */
    private static double error(float[] values, float[] truth, boolean ends) {
        return PlaneStatistics.rmsError(values, truth, i -> (truth[i] == 0 || truth[i] == 255) == ends);
    }

    private static float[] pixels(ImagePlus image) {
        return (float[]) image.getProcessor().getPixels();
    }
}
