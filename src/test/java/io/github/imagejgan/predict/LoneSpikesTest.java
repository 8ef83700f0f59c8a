package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImageMetadata;
import io.github.imagejgan.image.NonFiniteValuesException;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.task.TaskMonitor;

class LoneSpikesTest {

    private static final int SIZE = 96;
    private static final double LEVEL = 1000;
    private static final double SIGMA = 20;

    @TempDir
    Path dir;

    /** A shaded scene (a ramp and a bright disc) with Gaussian noise of {@link #SIGMA}. */
    private static float[] noisyScene(long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double disc = Math.hypot(x - 60, y - 40) < 14 ? 800 : 0;
                pixels[y * SIZE + x] = (float) (LEVEL + 4 * x + disc + SIGMA * random.nextGaussian());
            }
        }
        return pixels;
    }

    /** Pixels {@code (10 + 17 k, 12 + 13 k)}: hot ones (far above) at even k, dead ones (far below) at odd k. */
    private static int[] defects(float[] plane) {
        int[] where = new int[5];
        for (int k = 0; k < where.length; k++) {
            where[k] = (12 + 13 * k) * SIZE + 10 + 17 * k;
            plane[where[k]] += k % 2 == 0 ? 3000 : -1200;
        }
        return where;
    }

    @Test
    void hotAndDeadPixelsAreReplacedAndNothingElse() {
        float[] clean = noisyScene(1);
        float[] plane = clean.clone();
        int[] where = defects(plane);
        assertOnlyRestored(clean, plane, Arrays.stream(where).boxed().toList());
    }

    /** Adds a point of 3000 at (cx, cy), seen through a lens that blurs it by a Gaussian of {@code sigma} pixels. */
    private static void addPoint(float[] plane, int cx, int cy, double sigma) {
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                plane[y * SIZE + x] += (float) (3000
                        * Math.exp(-(Math.pow(x - cx, 2) + Math.pow(y - cy, 2)) / (2 * sigma * sigma)));
            }
        }
    }

    /** {@link LoneSpikes#replace} finds nothing in {@code plane} and leaves every pixel as it was. */
    private static void assertNothingReplaced(float[] plane) {
        float[] before = plane.clone();
        assertEquals(0, LoneSpikes.replace(plane, SIZE, SIZE));
        assertArrayEquals(before, plane);
    }

    /** {@code plane} after {@link LoneSpikes#replace} is {@code clean} where the defects were, and nothing else moved. */
    private static void assertOnlyRestored(float[] clean, float[] plane, List<Integer> where) {
        assertEquals(where.size(), LoneSpikes.replace(plane, SIZE, SIZE));
        for (int i : where) {
            assertEquals(clean[i], plane[i], 4 * SIGMA, "pixel " + i);
            plane[i] = clean[i];
        }
        assertArrayEquals(clean, plane, "every other pixel as it was");
    }

    @Test
    void oneHotPixelInAHundredIsReplacedEvenTheFaintOnes() {
        float[] clean = noisyScene(10);
        float[] plane = clean.clone();
        // Every hundredth pixel off the disc's rim, raised by twice the scene's range (about 1200) or, one in five,
        // by half of it: the brightest hundredth of the image is hot pixels, so its range must be read without them.
        List<Integer> where = new ArrayList<>();
        int k = 0;
        for (int y = 5; y < SIZE; y += 10) {
            for (int x = 3; x < SIZE; x += 10) {
                if (Math.abs(Math.hypot(x - 60, y - 40) - 14) > 2) {
                    plane[y * SIZE + x] += k++ % 5 == 0 ? 600 : 2400;
                    where.add(y * SIZE + x);
                }
            }
        }
        assertOnlyRestored(clean, plane, where);
    }

    @Test
    void aHotPixelBesideANeighbourThatIsNoSpikeIsStillFound() {
        Random random = new Random(11);
        float[] clean = new float[SIZE * SIZE];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = (float) (LEVEL + i % SIZE + SIGMA * random.nextGaussian());
        }
        // Around the hot pixel the image lies flat, its right neighbour 2 noise deviations above the rest: beyond
        // them by more than a quarter of the image's range (about 100), too little for a pair.
        for (int y = 38; y <= 42; y++) {
            for (int x = 38; x <= 42; x++) {
                clean[y * SIZE + x] = (float) (LEVEL + 40);
            }
        }
        int where = 40 * SIZE + 40;
        clean[where + 1] += 2 * SIGMA;
        float[] plane = clean.clone();
        plane[where] += 3000;
        assertEquals(1, LoneSpikes.replace(plane, SIZE, SIZE));
        assertEquals(clean[where], plane[where], 1e-3);
        plane[where] = clean[where];
        assertArrayEquals(clean, plane, "the neighbour and every other pixel as they were");
    }

    @Test
    void aSpikeInTextureIsKeptAsTheImagesOwn() {
        float[] plane = noisyScene(9);
        // A patch of checkerboard of 8 noise deviations: the neighbours spread far wider than noise alone, as in a
        // photograph's texture, whose own lone bright pixels are detail.
        for (int y = 42; y < 58; y++) {
            for (int x = 12; x < 28; x++) {
                plane[y * SIZE + x] += (x + y) % 2 == 0 ? 0 : (float) (8 * SIGMA);
            }
        }
        plane[50 * SIZE + 20] += 3000;
        assertNothingReplaced(plane);
    }

    @Test
    void pairsOfNeighbouringHotOrDeadPixelsAreReplacedAndNothingElse() {
        float[] clean = noisyScene(7);
        float[] plane = clean.clone();
        // Side by side, one above the other, and along both diagonals; hot pairs of unequal heights, a dead pair.
        int[][] pairs = { { 10, 10, 11, 10 }, { 30, 12, 30, 13 }, { 50, 70, 51, 71 }, { 20, 60, 19, 61 },
                { 75, 20, 76, 20 } };
        float[][] raise = { { 3000, 1500 }, { 1800, 2600 }, { 2200, 2200 }, { 1500, 3000 }, { -1200, -1500 } };
        List<Integer> where = new ArrayList<>();
        for (int p = 0; p < pairs.length; p++) {
            for (int i = 0; i < 2; i++) {
                int index = pairs[p][2 * i + 1] * SIZE + pairs[p][2 * i];
                plane[index] += raise[p][i];
                where.add(index);
            }
        }
        assertOnlyRestored(clean, plane, where);
    }

    @Test
    void aPairSeenThroughOpticsAndThreeInARowAreKept() {
        float[] plane = noisyScene(8);
        // Two points a pixel apart blurred by a lens (sigma 1 pixel): their neighbours rise with them.
        addPoint(plane, 30, 70, 1);
        addPoint(plane, 31, 70, 1);
        // Three bright pixels in a row: a line of the image's own, not a camera's defect.
        for (int x = 20; x < 23; x++) {
            plane[20 * SIZE + x] += 3000;
        }
        assertNothingReplaced(plane);
    }

    @Test
    void noiseAlonePointsSeenThroughOpticsSmallSpikesAndSpikesOnEdgesAreKept() {
        float[] plane = noisyScene(2);
        // A point blurred by a lens (sigma 1 pixel): its neighbours rise with it.
        addPoint(plane, 30, 70, 1);
        // A point through a lens that barely resolves it (sigma 0.5 pixels): its neighbours rise by an eighth of it.
        addPoint(plane, 70, 80, 0.5);
        // A lone spike of 5 noise deviations: noise could make it, and it stays.
        plane[80 * SIZE + 80] += (float) (5 * SIGMA);
        // A bright pixel on the disc's rim, where its neighbours straddle the edge: the image's own detail.
        plane[40 * SIZE + 46] += 3000;
        assertNothingReplaced(plane);
    }

    @Test
    void anImageWithoutSpikesIsPassedOnAndOneWithThemIsCopied() {
        HyperImage<?> image = HyperImage.createFloat(SIZE, SIZE, 1, 2, 1, ImageMetadata.untitled("spikes"));
        PlaneAccesses.write(image.plane(0, 0, 0), noisyScene(3));
        float[] second = noisyScene(4);
        PlaneAccesses.write(image.plane(0, 1, 0), second);
        LoneSpikes.Removed none = LoneSpikes.removed(image);
        assertSame(image, none.image());
        assertEquals(0, none.count());

        float[] spiked = second.clone();
        defects(spiked);
        PlaneAccesses.write(image.plane(0, 1, 0), spiked);
        LoneSpikes.Removed found = LoneSpikes.removed(image);
        assertNotSame(image, found.image());
        assertEquals(5, found.count());
        assertArrayEquals(noisyScene(3), PlaneAccesses.read(found.image().plane(0, 0, 0)), "plane before copied");
        assertArrayEquals(spiked, PlaneAccesses.read(image.plane(0, 1, 0)), "the input untouched");
        LoneSpikes.Removed tooLarge = LoneSpikes.removed(image, 2L * SIZE * SIZE - 1);
        assertSame(image, tooLarge.image());
        assertFalse(tooLarge.searched());
        assertTrue(found.searched() && none.searched());
    }

    @Test
    void anImageWithANaNIsStillRefusedWithTheClearError() throws IOException {
        float[] noisy = noisyScene(6);
        defects(noisy);
        noisy[50 * SIZE + 50] = Float.NaN;
        ImagePlus input = new ImagePlus("nan", new FloatProcessor(SIZE, SIZE, noisy));
        try (LoadedModel model = ModelPackage.load(TestModels.passThrough(dir.resolve("dn.zip"), "dn",
                new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 64, false), Device.cpu())) {
            assertThrows(NonFiniteValuesException.class, () -> new Predictor(model).predict(input, null,
                    PredictionOptions.DEFAULT, TaskMonitor.NONE));
        }
    }

    @Test
    void denoiseByDefaultRemovesAHotPixelThatTheNetworkAloneKeeps() throws IOException {
        float[] noisy = noisyScene(5);
        int[] where = defects(noisy);
        ImagePlus input = new ImagePlus("spikes", new FloatProcessor(SIZE, SIZE, noisy.clone()));
        try (LoadedModel model = ModelPackage.load(TestModels.passThrough(dir.resolve("dn.zip"), "dn",
                new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 64, false), Device.cpu())) {
            Predictor predictor = new Predictor(model);
            List<String> log = new ArrayList<>();
            float[] alone = (float[]) predictor.predict(input, null, PredictionOptions.DEFAULT.withStrength(1),
                    TaskMonitor.NONE).getProcessor().getPixels();
            List<String> reports = new ArrayList<>();
            TaskMonitor monitor = new TaskMonitor() {
                @Override
                public void progress(long done, long total, String message) {
                    log.add(message);
                }

                @Override
                public void report(String finding) {
                    reports.add(finding);
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
            float[] fitted = (float[]) predictor.predict(input, null, PredictionOptions.DEFAULT, monitor)
                    .getProcessor().getPixels();
            float[] clean = noisyScene(5);
            for (int i : where) {
                assertEquals(noisy[i], alone[i], 1e-3 * Math.abs(noisy[i]), "the network alone keeps pixel " + i);
                assertEquals(clean[i], fitted[i], 4 * SIGMA, "Denoise's default at pixel " + i);
            }
            assertTrue(log.stream().anyMatch(m -> m.startsWith("5 pixels far beyond")), log.toString());
            // Kept as a finding too: the command line prints it, Fiji's Log window keeps it.
            assertEquals(1, reports.stream().filter(m -> m.startsWith("5 pixels far beyond")).count(), reports.toString());
        }
    }
}
