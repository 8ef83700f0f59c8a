package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.TestMonitors;
import io.github.imagejgan.degrade.GaussianNoise;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * A denoiser's companion for noise spread over neighbouring pixels: found beside it, run where the fitted denoising
 * finds the noise correlated between neighbours, and nowhere else.
 */
class SpreadNoiseCompanionTest {

    private static final int SIZE = 128;
    private static final ResidualDenoiserSpec SPEC = new ResidualDenoiserSpec(1, 4, 2);

    @TempDir
    Path dir;

    @Test
    void theCompanionRestoresSpreadNoiseAndWhiteNoiseKeepsTheModelsOwnNetwork() throws IOException {
        // The model passes its input through; the companion (random weights) changes it: whichever ran shows.
        try (LoadedModel model = passThroughModel(); LoadedModel companion = randomizedCompanion()) {
            Predictor alone = new Predictor(model);
            Predictor joined = new Predictor(model).withSpreadNoise(companion);
            Predictor companionAlone = new Predictor(companion);

            ImagePlus white = noisy(new GaussianNoise(8));
            List<String> log = new ArrayList<>();
            assertArrayEquals(pixels(alone.predict(white, null, PredictionOptions.DEFAULT, TaskMonitor.NONE)),
                    pixels(joined.predict(white, null, PredictionOptions.DEFAULT, TestMonitors.reporting(
                            (done, total, message) -> log.add(message)))));
            assertTrue(log.stream().noneMatch(m -> m.contains("spread")), log.toString());

            ImagePlus spread = noisy(new GaussianNoise(8, 1));
            log.clear();
            float[] routed = pixels(joined.predict(spread, null, PredictionOptions.DEFAULT, TestMonitors.reporting(
                    (done, total, message) -> log.add(message))));
            assertTrue(log.stream().anyMatch(m -> m.contains("Noise spread over about") && m.contains("dn-spread")),
                    log.toString());
            // The companion's share over the noisy image, fitted: every pixel the same mix of the two.
            float[] noisy = pixels(spread);
            double share = mixShare(noisy, pixels(companionAlone.predict(spread, null, PredictionOptions.DEFAULT
                    .withStrength(1), TaskMonitor.NONE)), routed);
            assertTrue(share > 0 && share <= 1 + 1e-6, "share " + share);
            assertFalse(Arrays.equals(noisy, routed), "the companion changed the image");
            // A fixed strength leaves the routing out, as every other fitted step.
            PredictionOptions fixed = PredictionOptions.DEFAULT.withStrength(1);
            assertArrayEquals(pixels(alone.predict(spread, null, fixed, TaskMonitor.NONE)),
                    pixels(joined.predict(spread, null, fixed, TaskMonitor.NONE)));
        }
    }

    @Test
    void aCompanionWhoseResidualIsNotSpreadNoiseLeavesTheImageToTheModel() throws IOException {
        // Noise spread by 0.55 pixels may be spread; a companion that removes nothing does not find it so (its
        // residual reads as white), and the model's own fitted denoising stands, bit for bit.
        try (LoadedModel model = ModelPackage.load(TestModels.randomized(dir.resolve("dn.zip"), "dn", SPEC,
                ModelTask.DENOISE, 64), Device.cpu());
                LoadedModel idle = ModelPackage.load(TestModels.passThrough(dir.resolve("dn-spread.zip"),
                        "dn-spread", SPEC, ModelTask.DENOISE, 64, false), Device.cpu())) {
            ImagePlus halfPixel = noisy(new GaussianNoise(8, 0.55));
            List<String> log = new ArrayList<>();
            float[] joined = pixels(new Predictor(model).withSpreadNoise(idle).predict(halfPixel, null,
                    PredictionOptions.DEFAULT, TestMonitors.reporting((done, total, message) -> log.add(message))));
            assertTrue(log.stream().anyMatch(m -> m.contains("'dn-spread' removes reads as white")), log.toString());
            assertArrayEquals(pixels(new Predictor(model).predict(halfPixel, null, PredictionOptions.DEFAULT,
                    TaskMonitor.NONE)), joined);
        }
    }

    @Test
    void noiseSpreadAlongRowsOnlyGoesToTheCompanion() throws IOException {
        // A line-scanning detector's filter: noise spread by 1 pixel along rows, white down columns. Its neighbouring
        // second differences, pooled over both axes, read it as spread by about 0.7 pixels.
        try (LoadedModel model = passThroughModel(); LoadedModel companion = randomizedCompanion()) {
            ImagePlus rows = noisy(new GaussianNoise(8, 1, 0, 0));
            List<String> log = new ArrayList<>();
            float[] routed = pixels(new Predictor(model).withSpreadNoise(companion).predict(rows, null,
                    PredictionOptions.DEFAULT, TestMonitors.reporting((done, total, message) -> log.add(message))));
            String found = log.stream().filter(m -> m.startsWith("Noise spread over about")).findFirst().orElseThrow(
                    () -> new AssertionError(log.toString()));
            java.util.regex.Matcher spread = java.util.regex.Pattern.compile("about ([0-9.]+) pixels").matcher(found);
            assertTrue(spread.find() && found.contains("'dn-spread'"), found);
            // A 128-pixel image holds few quiet blocks: the reading is rough.
            assertEquals(0.7, Double.parseDouble(spread.group(1)), 0.25, found);
            // The share fitted on the image: the companion's result mixed with the noisy image, every pixel alike.
            double share = mixShare(pixels(rows), pixels(new Predictor(companion).predict(rows, null,
                    PredictionOptions.DEFAULT.withStrength(1), TaskMonitor.NONE)), routed);
            assertEquals(Double.parseDouble(found.substring(found.lastIndexOf(' ') + 1)), share, 0.005, found);
        }
    }

    @Test
    void onlyADenoiserOfTheSameChannelsCanStandIn() throws IOException {
        try (LoadedModel model = passThroughModel();
                LoadedModel twoChannels = ModelPackage.load(TestModels.passThrough(dir.resolve("rgb.zip"), "two",
                        new ResidualDenoiserSpec(2, 4, 2), ModelTask.DENOISE, 64, false), Device.cpu())) {
            UserException e = assertThrows(UserException.class, () -> new Predictor(model).withSpreadNoise(
                    twoChannels));
            assertTrue(e.getMessage().contains("'two'"), e.getMessage());
            assertThrows(UserException.class, () -> new Predictor(twoChannels).withSpreadNoise(model));
        }
    }

    @Test
    void theCompanionIsFoundByItsNameBesideTheModel() throws IOException {
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        Path user = Files.createDirectories(dir.resolve("user"));
        TestModels.passThrough(shipped.resolve("dn.zip"), "dn", SPEC, ModelTask.DENOISE, 64, false);
        TestModels.passThrough(shipped.resolve("other.zip"), "other", SPEC, ModelTask.DENOISE, 64, false);
        TestModels.randomized(shipped.resolve("dn-spread.zip"), "dn-spread", SPEC, ModelTask.DENOISE, 64);
        ModelRegistry registry = new ModelRegistry(List.of(shipped), user);
        ModelEntry found = registry.spreadNoiseCompanion(registry.find("dn")).orElseThrow();
        assertEquals("dn-spread", found.name());
        assertEquals("dn-spread", registry.spreadNoiseCompanion(registry.find(shipped.resolve("dn.zip")
                .toString())).orElseThrow().name(), "beside a package given by its path");
        assertTrue(registry.spreadNoiseCompanion(registry.find("other")).isEmpty());
    }

    /**
     * The share {@code a} of {@code routed = noisy + a (companion - noisy)}, by least squares, after checking that
     * every pixel is that mix.
     */
    private static double mixShare(float[] noisy, float[] companion, float[] routed) {
        double products = 0;
        double squares = 0;
        for (int i = 0; i < noisy.length; i++) {
            products += (routed[i] - noisy[i]) * (companion[i] - noisy[i]);
            squares += (companion[i] - noisy[i]) * (companion[i] - noisy[i]);
        }
        double share = squares > 0 ? products / squares : 0;
        for (int i = 0; i < noisy.length; i++) {
            assertEquals(noisy[i] + share * (companion[i] - noisy[i]), routed[i], 1e-3);
        }
        return share;
    }

    /** The model "dn", whose network passes its input through. */
    private LoadedModel passThroughModel() throws IOException {
        return ModelPackage.load(TestModels.passThrough(dir.resolve("dn.zip"), "dn", SPEC, ModelTask.DENOISE, 64,
                false), Device.cpu());
    }

    /** Its companion "dn-spread", of random weights: it changes every image it runs on. */
    private LoadedModel randomizedCompanion() throws IOException {
        return ModelPackage.load(TestModels.randomized(dir.resolve("dn-spread.zip"), "dn-spread", SPEC,
                ModelTask.DENOISE, 64), Device.cpu());
    }

    /** A smooth ramp with the noise of {@code noise}, as a 32-bit image. */
    private static ImagePlus noisy(GaussianNoise noise) {
        float[] clean = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                clean[y * SIZE + x] = 100 + 0.5f * x + 0.3f * y;
            }
        }
        float[] values = noise.apply(clean, SIZE, SIZE, 7).image();
        return new ImagePlus("noisy", new FloatProcessor(SIZE, SIZE, values));
    }

    private static float[] pixels(ImagePlus image) {
        return (float[]) image.getProcessor().convertToFloat().getPixels();
    }
}
