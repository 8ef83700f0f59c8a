package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.cli.CliTest.Result;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.testing.ZipFiles;

/** A denoiser with a noise map: trained with --noise-map, run on plain images, the map made by the plugin. */
class NoiseMapCliTest {

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void train() throws IOException {
        Path clean = Files.createDirectories(dir.resolve("clean"));
        for (int i = 0; i < 3; i++) {
            IJ.saveAsTiff(image(80, i, 0), clean.resolve("image" + i + ".tif").toString());
        }
        model = dir.resolve("map-denoiser.zip");
        Result result = CliTest.cli("train", "--task", "denoise", "--clean", clean.toString(), "--degradation",
                "gaussian:sigma=5..40", "--noise-map", "--out", model.toString(), "--work", dir.resolve("work")
                        .toString(), "--steps", "3", "--features", "4", "--depth", "2", "--patch", "32", "--batch",
                "2", "--seed", "3", "--device", "cpu");
        assertEquals(0, result.code(), result.err());
    }

    /** Blobs on a gradient, grey values 0-255, with Gaussian noise of {@code sigma}. */
    static ImagePlus image(int size, long seed, double sigma) {
        Random random = new Random(seed);
        FloatProcessor p = new FloatProcessor(size, size);
        double cx = size * (0.3 + 0.4 * random.nextDouble());
        double cy = size * (0.3 + 0.4 * random.nextDouble());
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double blob = Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (0.04 * size * size));
                p.setf(x, y, (float) (40 + 60.0 * x / size + 150 * blob + sigma * random.nextGaussian()));
            }
        }
        return new ImagePlus("image" + seed + ".tif", p);
    }

    @Test
    void theModelTakesOneImageChannelAndItsNoiseMap() throws IOException {
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            assertTrue(loaded.descriptor().generator().noiseMap());
            assertEquals(2, loaded.descriptor().generator().inputChannels());
            assertEquals(1, loaded.descriptor().imageChannels());
        }
        String json = ZipFiles.text(model, "model.json");
        assertTrue(json.contains("\"noiseMap\": true"), json);
    }

    @Test
    void tilesSeeTheWholeImagesNoiseAndAgreeWithAWholeImageRun() throws IOException {
        ImagePlus noisy = image(96, 11, 12);
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            Predictor predictor = new Predictor(loaded);
            float[] whole = (float[]) predictor.predict(noisy, null, PredictionOptions.DEFAULT.withTileSize(96),
                    TaskMonitor.NONE).getProcessor().getPixels();
            float[] tiled = (float[]) predictor.predict(noisy, null, PredictionOptions.DEFAULT.withTileSize(32),
                    TaskMonitor.NONE).getProcessor().getPixels();
            for (int i = 0; i < whole.length; i++) {
                assertEquals(whole[i], tiled[i], 1e-3f, "pixel " + i);
            }
        }
    }

    @Test
    void theMapChangesTheResultWhereTheNoiseDiffers() throws IOException {
        // The same pixel values around the centre, with the rest of the image far noisier: only the estimate of the
        // whole image's noise differs, and so the map the network sees at the centre.
        ImagePlus calm = image(96, 11, 2);
        ImagePlus noisy = calm.duplicate();
        Random random = new Random(6);
        float[] pixels = (float[]) noisy.getProcessor().getPixels();
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                if (Math.abs(x - 48) > 20 || Math.abs(y - 48) > 20) {
                    pixels[y * 96 + x] += (float) (40 * random.nextGaussian());
                }
            }
        }
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            Predictor predictor = new Predictor(loaded);
            float[] a = (float[]) predictor.predict(calm, null, PredictionOptions.DEFAULT, TaskMonitor.NONE)
                    .getProcessor().getPixels();
            float[] b = (float[]) predictor.predict(noisy, null, PredictionOptions.DEFAULT, TaskMonitor.NONE)
                    .getProcessor().getPixels();
            assertNotEquals(a[48 * 96 + 48], b[48 * 96 + 48], "the centre's result depends on the whole image's noise");
        }
    }

    @Test
    void aNoiseMapIsOnlyForRestorationOfSinglePlanes() {
        Result inpaint = CliTest.cli("train", "--task", "inpaint", "--clean", dir.resolve("clean").toString(),
                "--degradation", "mask:shape=boxes", "--noise-map", "--out", dir.resolve("fill.zip").toString(),
                "--steps", "1");
        assertEquals(2, inpaint.code(), inpaint.err());
        assertTrue(inpaint.err().contains("A noise map is for denoisers and super-resolution of single planes"),
                inpaint.err());
        Result noisy = CliTest.cli("train", "--task", "denoise", "--noisy", dir.resolve("clean").toString(),
                "--noise-map", "--out", dir.resolve("n2v.zip").toString(), "--steps", "1");
        assertEquals(2, noisy.code(), noisy.err());
        assertTrue(noisy.err().contains("not for self-supervised training"), noisy.err());
    }

    @Test
    void aRunStartedFromTheModelKeepsItsNoiseMap() throws IOException {
        Path tuned = dir.resolve("tuned.zip");
        Result result = CliTest.cli("train", "--task", "denoise", "--clean", dir.resolve("clean").toString(),
                "--degradation", "gaussian:sigma=10", "--start", model.toString(), "--out", tuned.toString(),
                "--work", dir.resolve("work-tuned").toString(), "--steps", "1", "--patch", "32", "--batch", "1",
                "--device", "cpu");
        assertEquals(0, result.code(), result.err());
        assertTrue(ModelPackage.describe(tuned).generator().noiseMap());
    }

    @Test
    void aPlainModelGrowsANoiseMapThatStartsAtZero() throws IOException {
        Path clean = dir.resolve("clean");
        Path plain = dir.resolve("plain.zip");
        Result first = CliTest.cli("train", "--task", "denoise", "--clean", clean.toString(), "--degradation",
                "gaussian:sigma=20", "--out", plain.toString(), "--work", dir.resolve("work-plain").toString(),
                "--steps", "2", "--features", "4", "--depth", "2", "--patch", "32", "--batch", "2", "--device", "cpu");
        assertEquals(0, first.code(), first.err());
        Path grown = dir.resolve("grown.zip");
        Result second = CliTest.cli("train", "--task", "denoise", "--clean", clean.toString(), "--degradation",
                "gaussian:sigma=20", "--start", plain.toString(), "--noise-map", "--out", grown.toString(), "--work",
                dir.resolve("work-grown").toString(), "--steps", "1", "--lr", "1e-12", "--patch", "32", "--batch",
                "1", "--device", "cpu");
        assertEquals(0, second.code(), second.err());
        ImagePlus noisy = image(64, 12, 20);
        try (LoadedModel before = ModelPackage.load(plain, Device.cpu());
                LoadedModel after = ModelPackage.load(grown, Device.cpu())) {
            assertFalse(before.descriptor().generator().noiseMap());
            assertTrue(after.descriptor().generator().noiseMap());
            float[] a = (float[]) new Predictor(before).predict(noisy, null, PredictionOptions.DEFAULT,
                    TaskMonitor.NONE).getProcessor().getPixels();
            float[] b = (float[]) new Predictor(after).predict(noisy, null, PredictionOptions.DEFAULT,
                    TaskMonitor.NONE).getProcessor().getPixels();
            for (int i = 0; i < a.length; i += 7) {
                assertEquals(a[i], b[i], 1e-3f, "pixel " + i + ": the map's weights start at zero");
            }
        }
    }

    @Test
    void superResolutionWithANoiseMapEnlargesTilesAsAWholeImage() throws IOException {
        Path sr = dir.resolve("sr-map.zip");
        Result result = CliTest.cli("train", "--task", "super-resolution", "--clean", dir.resolve("clean").toString(),
                "--degradation", "blur-downsample:factor=2 + gaussian:sigma=2..20", "--noise-map", "--out",
                sr.toString(), "--work", dir.resolve("work-sr").toString(), "--steps", "2", "--features", "4",
                "--blocks", "1", "--patch", "32", "--batch", "2", "--device", "cpu");
        assertEquals(0, result.code(), result.err());
        ImagePlus small = image(40, 13, 5);
        try (LoadedModel loaded = ModelPackage.load(sr, Device.cpu())) {
            assertTrue(loaded.descriptor().generator().noiseMap());
            assertEquals(1, loaded.descriptor().imageChannels());
            Predictor predictor = new Predictor(loaded);
            ImagePlus whole = predictor.predict(small, null, PredictionOptions.DEFAULT.withTileSize(40),
                    TaskMonitor.NONE);
            ImagePlus tiled = predictor.predict(small, null, PredictionOptions.DEFAULT.withTileSize(16),
                    TaskMonitor.NONE);
            assertEquals(80, whole.getWidth());
            float[] a = (float[]) whole.getProcessor().getPixels();
            float[] b = (float[]) tiled.getProcessor().getPixels();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-3f, "pixel " + i);
            }
        }
        Path tuned = dir.resolve("sr-map-tuned.zip");
        Result again = CliTest.cli("train", "--task", "super-resolution", "--clean", dir.resolve("clean").toString(),
                "--degradation", "blur-downsample:factor=2", "--start", sr.toString(), "--out", tuned.toString(),
                "--work", dir.resolve("work-sr-tuned").toString(), "--steps", "1", "--patch", "32", "--batch", "1",
                "--device", "cpu");
        assertEquals(0, again.code(), again.err());
        assertTrue(ModelPackage.describe(tuned).generator().noiseMap(), "a run from it keeps its noise map");
    }

    @Test
    void bioimageIoCannotDescribeTheMapSoTheExportIsRefused() {
        Result result = CliTest.cli("export-bioimageio", model.toString(), "--out", dir.resolve("map.bioimage.io.zip")
                .toString());
        assertNotEquals(0, result.code(), result.err());
        assertTrue(result.err().contains("noise map"), result.err());
        assertTrue(Files.notExists(dir.resolve("map.bioimage.io.zip")));
    }
}
