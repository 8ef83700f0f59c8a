package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.types.Shape;
import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import io.github.imagejgan.image.ImageFiles;

class TrainingDataTest {

    @TempDir
    Path dir;

    private static final TrainingData.Sampling SAMPLING = new TrainingData.Sampling(16, 3, 0.25, 2, 7);

    private Path folder(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    /** A 16-bit gradient image with noise, {@code scale} times larger when asked. */
    private static void write(Path file, int size, int channels, long seed) throws IOException {
        ImagePlus imp = IJ.createHyperStack(file.getFileName().toString(), size, size, channels, 1, 1, 16);
        Random random = new Random(seed);
        for (int c = 1; c <= channels; c++) {
            ImageProcessor ip = imp.getStack().getProcessor(c);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    ip.set(x, y, 1000 + 40 * x + 20 * y + random.nextInt(50));
                }
            }
        }
        ImageFiles.saveTiff(imp, file);
    }

    @Test
    void pairedFoldersMatchByNameAndBatchesAreReproducible() throws IOException {
        Path in = folder("noisy");
        Path out = folder("clean");
        for (int i = 0; i < 4; i++) {
            write(in.resolve("img" + i + ".tif"), 40, 1, i);
            write(out.resolve("img" + i + ".tif"), 40, 1, 100 + i);
        }
        Files.writeString(in.resolve("notes.txt"), "ignored");
        TrainingData data = TrainingData.paired(in, out, 1, SAMPLING);
        PatchBatch a = data.training().batch(5);
        PatchBatch b = data.training().batch(5);
        assertEquals(new Shape(3, 1, 16, 16), a.inputShape());
        assertArrayEquals(a.input(), b.input(), "a batch is a function of its step");
        assertFalse(Arrays.equals(a.input(), data.training().batch(6).input()));
        assertEquals(2, data.validation().size());
        // Normalized by each file's percentiles: values around 0..1.
        double max = 0;
        for (float v : a.target()) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.3 && max < 1.5, "normalized values, max " + max);
    }

    /** A 16-bit image whose value grows with the row: 1000 + 10 y. */
    private static void writeRows(Path file, int width, int height) throws IOException {
        ImagePlus imp = IJ.createImage(file.getFileName().toString(), "16-bit black", width, height, 1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                imp.getProcessor().set(x, y, 1000 + 10 * y);
            }
        }
        ImageFiles.saveTiff(imp, file);
    }

    private static float[] range(java.util.List<PatchBatch> batches, boolean targets) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (PatchBatch b : batches) {
            for (float v : targets ? b.target() : b.input()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new float[] { min, max };
    }

    @Test
    void withFewFilesValidationHoldsOutAStripOfEveryImageNotAWholeFile() throws IOException {
        Path clean = folder("few");
        for (int i = 0; i < 3; i++) {
            writeRows(clean.resolve("img" + i + ".tif"), 40, 80);
        }
        TrainingData.Sampling sampling = new TrainingData.Sampling(16, 4, 0.25, 3, 7);
        TrainingData data = TrainingData.degraded(clean, PatchDegradation.of(
                io.github.imagejgan.degrade.Degradations.parse("gaussian:sigma=0"), 16), sampling);
        java.util.List<PatchBatch> training = new java.util.ArrayList<>();
        for (int step = 1; step <= 60; step++) {
            training.add(data.training().batch(step));
        }
        float[] trained = range(training, true);
        float[] held = range(data.validation(), true);
        // Rows 0..59 train (values up to 1590), rows 60..79 (a quarter, at least a patch) validate (from 1600).
        assertTrue(trained[1] < held[0], "training rows " + Arrays.toString(trained) + " lie above the strip "
                + Arrays.toString(held));
        assertTrue(held[1] - held[0] > 0, "the strip holds varied rows");

        // Many files: whole files are held out, as before.
        Path many = folder("many");
        for (int i = 0; i < TrainingData.STRIPS_BELOW_FILES; i++) {
            writeRows(many.resolve("img" + i + ".tif"), 40, 80);
        }
        TrainingData whole = TrainingData.degraded(many, PatchDegradation.of(
                io.github.imagejgan.degrade.Degradations.parse("gaussian:sigma=0"), 16), sampling);
        float[] wholeHeld = range(whole.validation(), true);
        java.util.List<PatchBatch> wholeTraining = new java.util.ArrayList<>();
        for (int step = 1; step <= 60; step++) {
            wholeTraining.add(whole.training().batch(step));
        }
        assertTrue(range(wholeTraining, true)[1] > wholeHeld[0], "held-out files cover every row");
    }

    @Test
    void imagesTooShortForAStripAreHeldOutWholeAsBefore() throws IOException {
        Path clean = folder("short");
        for (int i = 0; i < 4; i++) {
            writeRows(clean.resolve("img" + i + ".tif"), 40, 24);
        }
        TrainingData.Sampling sampling = new TrainingData.Sampling(16, 2, 0.25, 2, 7);
        TrainingData data = TrainingData.degraded(clean, PatchDegradation.of(
                io.github.imagejgan.degrade.Degradations.parse("gaussian:sigma=0"), 16), sampling);
        assertEquals(2, data.validation().size());
        assertEquals(new Shape(2, 1, 16, 16), data.validation().get(0).targetShape());
    }

    @Test
    void mismatchedNamesAreListed() throws IOException {
        Path in = folder("in");
        Path out = folder("out");
        write(in.resolve("a.tif"), 32, 1, 1);
        write(in.resolve("b.tif"), 32, 1, 2);
        write(out.resolve("a.tif"), 32, 1, 3);
        write(out.resolve("c.tif"), 32, 1, 4);
        TrainingDataException e = assertThrows(TrainingDataException.class,
                () -> TrainingData.paired(in, out, 1, SAMPLING));
        assertTrue(e.getMessage().contains("only in in: b.tif") && e.getMessage().contains("only in out: c.tif"),
                e.getMessage());
    }

    @Test
    void superResolutionPairsNeedLargerTargets() throws IOException {
        Path in = folder("low");
        Path out = folder("high");
        write(in.resolve("a.tif"), 32, 1, 1);
        write(out.resolve("a.tif"), 64, 1, 2);
        TrainingData data = TrainingData.paired(in, out, 2, SAMPLING);
        PatchBatch batch = data.training().batch(1);
        assertEquals(new Shape(3, 1, 8, 8), batch.inputShape());
        assertEquals(new Shape(3, 1, 16, 16), batch.targetShape(), "the patch size is the target's");
        TrainingDataException e = assertThrows(TrainingDataException.class,
                () -> TrainingData.paired(in, out, 1, SAMPLING));
        assertTrue(e.getMessage().contains("same size"), e.getMessage());
    }

    @Test
    void emptyMixedAndTinyFoldersAreRejectedClearly() throws IOException {
        Path empty = folder("empty");
        Files.writeString(empty.resolve("readme.md"), "no images");
        TrainingDataException none = assertThrows(TrainingDataException.class,
                () -> TrainingData.degraded(empty, noise(), SAMPLING));
        assertTrue(none.getMessage().contains("0 readable images"), none.getMessage());

        Path mixed = folder("mixed");
        write(mixed.resolve("one.tif"), 32, 1, 1);
        write(mixed.resolve("two.tif"), 32, 2, 2);
        TrainingDataException channels = assertThrows(TrainingDataException.class,
                () -> TrainingData.degraded(mixed, noise(), SAMPLING));
        assertTrue(channels.getMessage().contains("mixes channel counts"), channels.getMessage());

        Path tiny = folder("tiny");
        write(tiny.resolve("small.tif"), 10, 1, 1);
        TrainingDataException small = assertThrows(TrainingDataException.class,
                () -> TrainingData.degraded(tiny, noise(), SAMPLING));
        assertTrue(small.getMessage().contains("smaller than the 16-pixel training patch"), small.getMessage());

        Path broken = folder("broken");
        Files.writeString(broken.resolve("bad.tif"), "not a tiff");
        TrainingDataException unreadable = assertThrows(TrainingDataException.class,
                () -> TrainingData.degraded(broken, noise(), SAMPLING));
        assertTrue(unreadable.getMessage().contains("bad.tif"), unreadable.getMessage());

        assertThrows(TrainingDataException.class, () -> TrainingData.degraded(dir.resolve("nowhere"), noise(),
                SAMPLING));
    }

    @Test
    void degradedPairsApplyTheDegradationToCleanPatches() throws IOException {
        Path clean = folder("clean-only");
        write(clean.resolve("a.tif"), 48, 2, 1);
        TrainingData data = TrainingData.degraded(clean, noise(), SAMPLING);
        PatchBatch batch = data.training().batch(3);
        assertEquals(new Shape(3, 2, 16, 16), batch.inputShape());
        double sum = 0;
        for (int i = 0; i < batch.input().length; i++) {
            double d = batch.input()[i] - batch.target()[i];
            sum += d * d;
        }
        // The noise is added in grey values (sigma 20), then scaled by the image's normalization like the target.
        float factor = TrainingFolder.open(clean, io.github.imagejgan.image.PercentileNormalizer.DEFAULT).samples()
                .get(0).normalize().factor();
        double sigma = Math.sqrt(sum / batch.input().length) / factor;
        assertEquals(20, sigma, 3, "the added noise has the degradation's sigma in grey values");
        assertEquals(Map.of("type", "test-noise", "sigma", 20.0), data.training().degradation());
    }

    @Test
    void unpairedDomainsAreSampledIndependently() throws IOException {
        Path a = folder("a");
        Path b = folder("b");
        write(a.resolve("x.tif"), 32, 1, 1);
        write(b.resolve("y.tif"), 40, 1, 2);
        write(b.resolve("z.tif"), 40, 1, 3);
        TrainingData data = TrainingData.unpaired(a, b, SAMPLING);
        PatchBatch batch = data.training().batch(1);
        assertEquals(new Shape(3, 1, 16, 16), batch.inputShape());
        assertEquals(new Shape(3, 1, 16, 16), batch.targetShape());
    }

    @Test
    void stacksGiveOneSamplePerPlane() throws IOException {
        Path stacks = folder("stacks");
        ImagePlus imp = IJ.createHyperStack("s", 24, 24, 1, 3, 2, 8);
        ImageFiles.saveTiff(imp, stacks.resolve("s.tif"));
        TrainingFolder folder = TrainingFolder.open(stacks, io.github.imagejgan.image.PercentileNormalizer.DEFAULT);
        assertEquals(6, folder.samples().size());
        assertEquals("s.tif [z=2, t=1]", folder.samples().get(1).name());
    }

    private static PatchDegradation noise() {
        return new PatchDegradation() {
            @Override
            public float[] degrade(float[] clean, int channels, int size, long seed) {
                SplittableRandom random = new SplittableRandom(seed);
                float[] out = clean.clone();
                for (int i = 0; i < out.length; i++) {
                    out[i] += (float) (20 * gaussian(random));
                }
                return out;
            }

            @Override
            public Map<String, Object> describe() {
                return Map.of("type", "test-noise", "sigma", 20.0);
            }
        };
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
