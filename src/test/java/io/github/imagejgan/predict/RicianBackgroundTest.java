package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.TestMonitors;
import io.github.imagejgan.degrade.PoissonGaussianNoise;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.task.TaskMonitor;

class RicianBackgroundTest {

    private static final int SIZE = 128;
    private static final double SIGMA = 10;

    @TempDir
    Path dir;

    /**
     * A magnitude image's truth: 0 (air) on the left third and in a band at the bottom, a ramp from 6 to 30 sigma
     * elsewhere with a brighter disc: background, smooth content and several brightness levels.
     */
    private static float[] truth() {
        float[] pixels = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean air = x < SIZE / 3 || y >= SIZE - 16;
                double ramp = 6 + 24.0 * (x - SIZE / 3) / (SIZE - SIZE / 3);
                double disc = Math.hypot(x - 90, y - 50) < 15 ? 10 : 0;
                pixels[y * SIZE + x] = air ? 0 : (float) (SIGMA * ramp + SIGMA * disc);
            }
        }
        return pixels;
    }

    private static float[] rician(float[] truth, long seed) {
        Random random = new Random(seed);
        float[] noisy = new float[truth.length];
        for (int i = 0; i < truth.length; i++) {
            noisy[i] = (float) Math.hypot(truth[i] + SIGMA * random.nextGaussian(), SIGMA * random.nextGaussian());
        }
        return noisy;
    }

    private static float[] gaussian(float[] truth, double offset, boolean clipped, long seed) {
        Random random = new Random(seed);
        float[] noisy = new float[truth.length];
        for (int i = 0; i < truth.length; i++) {
            double v = truth[i] + offset + SIGMA * random.nextGaussian();
            noisy[i] = (float) (clipped ? Math.max(0, v) : v);
        }
        return noisy;
    }

    /** Poisson counts of the truth in tenths of sigma plus {@code background} photons, with read noise. */
    private static float[] poisson(float[] truth, double background, double readNoise, long seed) {
        Random random = new Random(seed);
        float[] noisy = new float[truth.length];
        for (int i = 0; i < truth.length; i++) {
            double count = PoissonGaussianNoise.poissonCount(truth[i] / SIGMA + background, random);
            noisy[i] = (float) (count + readNoise * random.nextGaussian());
        }
        return noisy;
    }

    @Test
    void theRicianMeanIsRayleighsAtZeroAndApproachesTheMagnitudeAboveIt() {
        assertEquals(SIGMA * Math.sqrt(Math.PI / 2), RicianBackground.riceMean(0, SIGMA), 1e-5);
        double nu = 20 * SIGMA;
        assertEquals(Math.sqrt(nu * nu + SIGMA * SIGMA), RicianBackground.riceMean(nu, SIGMA), 1e-3 * nu);
        // The mean rises with the signal.
        double previous = 0;
        for (int i = 0; i <= 400; i++) {
            double mean = RicianBackground.riceMean(i * 0.1 * SIGMA, SIGMA);
            assertTrue(mean > previous, "rising at " + i);
            previous = mean;
        }
        // Scaled Bessel functions against values computed independently (I0(1), I1(1), e^-10 I0(10)).
        assertEquals(1.2660658777520082 * Math.exp(-1), RicianBackground.scaledBesselI0(1), 1e-6);
        assertEquals(0.5651591039924851 * Math.exp(-1), RicianBackground.scaledBesselI1(1), 1e-6);
        assertEquals(0.1278333371634286, RicianBackground.scaledBesselI0(10), 1e-6);
    }

    @Test
    void ricianNoiseOfAMagnitudeImageIsFoundWithItsSigma() {
        for (long seed = 1; seed <= 3; seed++) {
            Optional<RicianBackground.Noise> noise = RicianBackground.detect(rician(truth(), seed), SIZE, SIZE);
            assertTrue(noise.isPresent(), "seed " + seed);
            assertEquals(SIGMA, noise.get().sigma(), 0.15 * SIGMA, "seed " + seed);
        }
    }

    @Test
    void otherNoiseAndNoNoiseAreNotTakenForRician() {
        float[] truth = truth();
        assertTrue(RicianBackground.detect(truth, SIZE, SIZE).isEmpty(), "no noise");
        assertTrue(RicianBackground.detect(gaussian(truth, 0, false, 4), SIZE, SIZE).isEmpty(), "Gaussian");
        // As bright on average as Rayleigh noise over the background, but symmetric.
        assertTrue(RicianBackground.detect(gaussian(truth, 1.9 * SIGMA, false, 5), SIZE, SIZE).isEmpty(),
                "Gaussian over an offset");
        assertTrue(RicianBackground.detect(gaussian(truth, 1.2 * SIGMA, true, 6), SIZE, SIZE).isEmpty(),
                "Gaussian clipped at 0");
        assertTrue(RicianBackground.detect(poisson(truth, 0, 1, 7), SIZE, SIZE).isEmpty(), "Poisson, read noise");
        // A dim background of 4 photons looks like Rayleigh noise; the noise growing with brightness tells it.
        assertTrue(RicianBackground.detect(poisson(truth, 4, 0, 8), SIZE, SIZE).isEmpty(),
                "Poisson over a dim background");
        assertTrue(RicianBackground.detect(rician(truth, 9), 32, 32).isEmpty(), "too small to tell");
    }

    @Test
    void theLiftOfAnIdeallyDenoisedBackgroundIsRemoved() {
        float[] truth = truth();
        Optional<RicianBackground.Noise> noise = RicianBackground.detect(rician(truth, 2), SIZE, SIZE);
        assertTrue(noise.isPresent());
        // What an ideal averaging denoiser gives: each pixel's Rician mean, a little off.
        Random random = new Random(3);
        float[] denoised = new float[truth.length];
        for (int i = 0; i < truth.length; i++) {
            denoised[i] = (float) (RicianBackground.riceMean(truth[i], SIGMA) + 0.05 * SIGMA * random.nextGaussian());
        }
        double before = error(denoised, truth, true);
        double brightBefore = error(denoised, truth, false);
        RicianBackground.correct(denoised, SIZE, noise.get());
        double after = error(denoised, truth, true);
        assertTrue(before > SIGMA, "lifted by about 1.25 sigma: " + before);
        assertTrue(after < 0.4 * SIGMA, "background after: " + after);
        assertTrue(error(denoised, truth, false) < brightBefore, "bright parts no worse");
    }

    @Test
    void denoisingFittedOnAMagnitudeImageLowersItsBackgroundAndTheNetworkAloneDoesNot() throws IOException {
        float[] truth = truth();
        ImagePlus input = new ImagePlus("mr", new FloatProcessor(SIZE, SIZE, rician(truth, 5)));
        try (LoadedModel model = ModelPackage.load(TestModels.passThrough(dir.resolve("dn.zip"), "dn",
                new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 64, false), Device.cpu())) {
            Predictor predictor = new Predictor(model);
            StringBuilder log = new StringBuilder();
            TaskMonitor monitor = TestMonitors.reporting((done, total, message) -> log.append(message).append('\n'));
            float[] alone = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(1),
                    TaskMonitor.NONE));
            float[] fitted = pixels(predictor.predict(input, null, PredictionOptions.DEFAULT, monitor));
            assertTrue(backgroundMean(alone, truth) > 1.1 * SIGMA, "the noisy image's lift");
            // NB: the pass-through network leaves the fitted mix at the noisy image, whose spread makes the removal
            // gentle; a denoised background goes to 0 (above).
            assertTrue(backgroundMean(fitted, truth) < backgroundMean(alone, truth) - 0.1 * SIGMA,
                    "lowered: " + backgroundMean(fitted, truth));
            assertTrue(PlaneStatistics.meanChange(alone, fitted, i -> truth[i] > 10 * SIGMA) < 0.1 * SIGMA,
                    "bright parts as they were");
            assertTrue(log.toString().contains("Rician noise"), log.toString());
        }
    }

    private static double backgroundMean(float[] values, float[] truth) {
        return PlaneStatistics.mean(values, i -> truth[i] == 0);
    }

    /** Root mean squared error over the background (truth 0) or over the rest. */
    private static double error(float[] values, float[] truth, boolean background) {
        return PlaneStatistics.rmsError(values, truth, i -> (truth[i] == 0) == background);
    }

    private static float[] pixels(ImagePlus image) {
        return (float[]) image.getProcessor().getPixels();
    }
}
