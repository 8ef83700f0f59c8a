package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import io.github.imagejgan.TestMonitors;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.DistanceTransform;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

class FillStrengthTest {

    @TempDir
    Path dir;

    private static final int SIZE = 96;

    /** Short strokes two pixels wide, spread over the middle of the image. */
    private static byte[] strokes() {
        byte[] holes = new byte[SIZE * SIZE];
        for (int y0 = 30; y0 < 66; y0 += 9) {
            for (int x = 30; x < 66; x++) {
                holes[y0 * SIZE + x] = 1;
                holes[(y0 + 1) * SIZE + x] = 1;
            }
        }
        return holes;
    }

    private static int count(byte[] bits) {
        int n = 0;
        for (byte b : bits) {
            n += b;
        }
        return n;
    }

    @Test
    void hiddenPixelsKeepClearOfTheHolesAndMatchTheirCount() {
        byte[] holes = strokes();
        byte[] hidden = FillStrength.hiddenHoles(holes, SIZE, SIZE);
        float[] distance = DistanceTransform.toNearest(holes, SIZE, SIZE);
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] != 0) {
                assertTrue(distance[i] > FillStrength.CLEARANCE, "hidden pixel " + i + " at " + distance[i]);
            }
        }
        assertTrue(count(hidden) >= count(holes), count(hidden) + " hidden for " + count(holes) + " missing");
        assertArrayEquals(hidden, FillStrength.hiddenHoles(holes, SIZE, SIZE), "the same image, the same pixels");
    }

    @Test
    void holesThatLeaveNoRoomHideNothing() {
        byte[] holes = new byte[SIZE * SIZE];
        for (int i = 6; i < holes.length; i += 12) {
            holes[i] = 1; // every column 6 + 12 k: no pixel lies more than 6 pixels from one
        }
        assertEquals(0, count(FillStrength.hiddenHoles(holes, SIZE, SIZE)));
    }

    @Test
    void aBoxCountsAsAboutOneSampleAndAThinStrokeAsMany() {
        byte[] box = new byte[SIZE * SIZE];
        byte[] stroke = new byte[SIZE * SIZE];
        for (int y = 20; y < 60; y++) {
            for (int x = 20; x < 60; x++) {
                box[y * SIZE + x] = 1;
            }
        }
        for (int x = 0; x < 90; x++) {
            stroke[40 * SIZE + x] = 1;
            stroke[41 * SIZE + x] = 1;
        }
        assertEquals(1, FillStrength.independentSamples(box, SIZE, SIZE), 0.2);
        // 180 pixels, 2 thick (the distance to the edge is 1 inside a two-pixel stroke).
        assertEquals(45, FillStrength.independentSamples(stroke, SIZE, SIZE), 1e-9);
    }

    @Test
    void theFitIsTheLeastSquaresShareDrawnTowardTheNetworkByItsSamples() {
        byte[] hidden = new byte[SIZE * SIZE];
        for (int y = 0; y < SIZE; y += 4) {
            for (int x = 0; x < SIZE; x++) {
                hidden[y * SIZE + x] = 1;
            }
        }
        float[] fill = new float[SIZE * SIZE];
        float[] network = new float[SIZE * SIZE];
        float[] truth = new float[SIZE * SIZE];
        for (int i = 0; i < truth.length; i++) {
            fill[i] = i % 7;
            network[i] = fill[i] + (i % 5 == 0 ? 2 : -1);
            truth[i] = fill[i] + 0.25f * (network[i] - fill[i]);
        }
        double samples = FillStrength.independentSamples(hidden, SIZE, SIZE);
        double expected = 1 + (0.25 - 1) * samples / (samples + FillStrength.PRIOR_SAMPLES);
        assertEquals(expected, FillStrength.fit(List.of(truth), List.of(network), List.of(fill), hidden, samples),
                1e-6);
        assertTrue(expected < 0.35, "many one-pixel strokes: the fit counts, " + expected);
        assertEquals(1, FillStrength.fit(List.of(truth), List.of(fill), List.of(fill), hidden, samples),
                "a network that corrects nothing keeps its (empty) correction");
    }

    @Test
    void aPlaneTooLargeForTheHeapIsNotBlended() {
        assertTrue(FillStrength.fitsInHeap(256, 256, 3));
        assertFalse(FillStrength.fitsInHeap(1 << 20, 1 << 20, 1), "a terapixel plane");
    }

    @Test
    void onlyInpaintingModelsThatStartFromAFillAreBlended() throws IOException {
        ModelDescriptor fill = ModelPackage.open(TestModels.untrained(dir.resolve("fill.zip"), "fill",
                new InpaintingSpec(1, 2, 4), ModelTask.INPAINT, 32)).descriptor();
        ModelDescriptor zero = ModelPackage.open(TestModels.untrained(dir.resolve("zero.zip"), "zero",
                new InpaintingSpec(1, 2, 4, InpaintingSpec.ZERO), ModelTask.INPAINT, 32)).descriptor();
        ModelDescriptor sr = ModelPackage.open(TestModels.passThrough(dir.resolve("sr.zip"), "sr",
                new ResidualSrSpec(1, 4, 1, 2), ModelTask.SUPER_RESOLUTION, 32, false)).descriptor();
        double fitted = PredictionOptions.FITTED_STRENGTH;
        assertEquals(fitted, FillStrength.chosen(fill, fitted));
        assertEquals(0.3, FillStrength.chosen(fill, 0.3));
        assertEquals(1, FillStrength.chosen(zero, fitted));
        UserException refused = assertThrows(UserException.class, () -> FillStrength.chosen(zero, 0.3));
        assertTrue(refused.getMessage().contains("does not start from a classical fill"), refused.getMessage());
        assertEquals(1, FillStrength.chosen(sr, 0.3), "super-resolution is blended with bicubic instead");
    }

    @Test
    void inpaintingBlendsTheNetworkWithItsFillAndFitsTheShareOnHiddenPixels() throws IOException {
        // A linear ramp: the thin-plate fill restores it (nearly) exactly inside the image, a random network does not.
        float[] ramp = new float[SIZE * SIZE];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 100 + (i % SIZE) * 3 + (i / SIZE) * 2;
        }
        ImagePlus input = new ImagePlus("ramp", new FloatProcessor(SIZE, SIZE, ramp.clone()));
        byte[] holes = strokes();
        InpaintMask mask = mask(holes);
        try (LoadedModel small = ModelPackage.load(TestModels.randomized(dir.resolve("a.zip"), "a",
                new InpaintingSpec(1, 2, 4), ModelTask.INPAINT, 48), Device.cpu());
                LoadedModel wider = ModelPackage.load(TestModels.randomized(dir.resolve("b.zip"), "b",
                        new InpaintingSpec(1, 2, 8), ModelTask.INPAINT, 48), Device.cpu())) {
            Predictor predictor = new Predictor(small);
            // NB: the network as trained: the share is fitted on what a network gives, adapted or not.
            PredictionOptions asTrained = PredictionOptions.DEFAULT.withAdaptation(0);
            float[] network = pixels(predictor.predict(input, mask, asTrained.withStrength(1), TaskMonitor.NONE));
            float[] fill = pixels(predictor.predict(input, mask, asTrained.withStrength(0), TaskMonitor.NONE));
            float[] half = pixels(predictor.predict(input, mask, asTrained.withStrength(0.5), TaskMonitor.NONE));
            float[] fitted = pixels(predictor.predict(input, mask, asTrained, TaskMonitor.NONE));
            float[] otherFill = pixels(new Predictor(wider).predict(input, mask,
                    PredictionOptions.DEFAULT.withStrength(0), TaskMonitor.NONE));
            double networkError = 0;
            double fittedError = 0;
            double fillError = 0;
            for (int i = 0; i < ramp.length; i++) {
                if (holes[i] == 0) {
                    for (float[] result : List.of(network, fill, half, fitted)) {
                        assertEquals(ramp[i], result[i], "known pixel " + i + " unchanged");
                    }
                    continue;
                }
                assertEquals(fill[i], otherFill[i], 1e-3, "strength 0 is the classical fill, whatever the network");
                assertEquals((network[i] + fill[i]) / 2, half[i], 1e-2, "half way at " + i);
                networkError += Math.abs(network[i] - ramp[i]);
                fittedError += Math.abs(fitted[i] - ramp[i]);
                fillError += Math.abs(fill[i] - ramp[i]);
            }
            assertTrue(fillError < networkError / 10, "the fill restores the ramp: " + fillError + " against "
                    + networkError);
            assertTrue(fittedError < networkError / 3, "fitted " + fittedError + " against " + networkError);
        }
    }

    @Test
    void aFittedStrengthAddsTheNonLocalFillWhereTheImageRepeatsItsTexture() throws IOException {
        // A repeated tile of random values: the thin-plate fill and a random network draw none of it in the strokes,
        // the known pixels beside them show it.
        float[] truth = NonLocalFillTest.pattern(11, SIZE);
        byte[] holes = strokes();
        ImagePlus input = new ImagePlus("pattern", new FloatProcessor(SIZE, SIZE, truth.clone()));
        InpaintMask mask = mask(holes);
        List<String> messages = new ArrayList<>();
        TaskMonitor listening = TestMonitors.reporting((done, total, message) -> messages.add(message));
        try (LoadedModel small = randomizedInpainter()) {
            Predictor predictor = new Predictor(small);
            PredictionOptions asTrained = PredictionOptions.DEFAULT.withAdaptation(0);
            float[] network = pixels(predictor.predict(input, mask, asTrained.withStrength(1), TaskMonitor.NONE));
            float[] fill = pixels(predictor.predict(input, mask, asTrained.withStrength(0), TaskMonitor.NONE));
            float[] fitted = pixels(predictor.predict(input, mask, asTrained, listening));
            double networkError = 0;
            double fillError = 0;
            double fittedError = 0;
            for (int i = 0; i < truth.length; i++) {
                if (holes[i] == 0) {
                    assertEquals(truth[i], fitted[i], "known pixel " + i + " unchanged");
                } else {
                    networkError += Math.pow(network[i] - truth[i], 2);
                    fillError += Math.pow(fill[i] - truth[i], 2);
                    fittedError += Math.pow(fitted[i] - truth[i], 2);
                }
            }
            assertTrue(fittedError < Math.min(networkError, fillError) / 4, "fitted " + fittedError + " against "
                    + networkError + " and " + fillError);
            String shares = messages.stream().filter(m -> m.contains("shares of the non-local fill")).findFirst()
                    .orElseThrow(() -> new AssertionError(messages.toString()));
            String[] rounds = shares.substring(shares.indexOf("fill ", shares.indexOf("non-local")) + 5).split(", ");
            assertEquals(FillStrength.NON_LOCAL_ROUNDS, rounds.length, shares);
            assertTrue(Double.parseDouble(rounds[0]) > 0.5, shares);
            assertEquals(FillStrength.NON_LOCAL_ROUNDS, messages.stream().filter(m -> m.startsWith(
                    "Non-local fill: round")).count(), "each round is reported: " + messages);
        }
    }

    @Test
    void aNonLocalRoundThatTakesNothingIsNotRepeated() throws IOException {
        // A flat plane and a network that is its classical fill: the holes are filled flat, the non-local fill adds
        // nothing to that and its share is 0; a second round would compare the same patches and find the same.
        float[] flat = new float[SIZE * SIZE];
        Arrays.fill(flat, 120);
        ImagePlus input = new ImagePlus("flat", new FloatProcessor(SIZE, SIZE, flat));
        List<String> messages = new ArrayList<>();
        TaskMonitor listening = TestMonitors.reporting((done, total, message) -> messages.add(message));
        try (LoadedModel fill = ModelPackage.load(TestModels.untrained(dir.resolve("fill.zip"), "fill",
                new InpaintingSpec(1, 2, 4), ModelTask.INPAINT, 48), Device.cpu())) {
            new Predictor(fill).predict(input, mask(strokes()), PredictionOptions.DEFAULT.withAdaptation(0),
                    listening);
        }
        String shares = messages.stream().filter(m -> m.contains("shares of the non-local fill")).findFirst()
                .orElseThrow(() -> new AssertionError(messages.toString()));
        assertTrue(shares.endsWith("fill 0.00, 0.00"), shares);
        assertEquals(List.of("Non-local fill: round 1 of " + FillStrength.NON_LOCAL_ROUNDS), messages.stream().filter(
                m -> m.startsWith("Non-local fill: round")).toList(), "one round taken: " + messages);
    }

    @Test
    void theNonLocalShareIsDrawnTowardNone() {
        byte[] hidden = new byte[SIZE * SIZE];
        hidden[5 * SIZE + 5] = 1;
        float[] base = new float[SIZE * SIZE];
        float[] other = new float[SIZE * SIZE];
        float[] truth = new float[SIZE * SIZE];
        other[5 * SIZE + 5] = 2;
        truth[5 * SIZE + 5] = 2;
        double samples = FillStrength.independentSamples(hidden, SIZE, SIZE);
        assertEquals(samples / (samples + FillStrength.PRIOR_SAMPLES), FillStrength.drawnShare(List.of(truth),
                List.of(base), List.of(other), hidden, samples, 0), 1e-9, "one hidden pixel agrees fully");
        assertTrue(FillStrength.drawnShare(List.of(truth), List.of(base), List.of(other), hidden, samples, 0) < 0.1);
        assertEquals(0, FillStrength.drawnShare(List.of(truth), List.of(base), List.of(base), hidden, samples, 0));
    }

    @Test
    void inpaintingFitsACopyOfTheNetworkToTheImageFirst() throws IOException {
        // Diagonal stripes: texture that the known pixels show all around the holes.
        float[] stripes = new float[SIZE * SIZE];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = (float) (200 + 80 * Math.sin(2 * Math.PI * (i % SIZE + i / SIZE) / 7.0));
        }
        ImagePlus input = new ImagePlus("stripes", new FloatProcessor(SIZE, SIZE, stripes.clone()));
        byte[] holes = strokes();
        InpaintMask mask = mask(holes);
        List<String> messages = new ArrayList<>();
        TaskMonitor listening = TestMonitors.reporting((done, total, message) -> messages.add(message));
        try (LoadedModel small = randomizedInpainter()) {
            Predictor predictor = new Predictor(small);
            PredictionOptions alone = PredictionOptions.DEFAULT.withStrength(1);
            float[] asTrained = pixels(predictor.predict(input, mask, alone.withAdaptation(0), TaskMonitor.NONE));
            float[] adapted = pixels(predictor.predict(input, mask, alone.withAdaptation(20), listening));
            float[] again = pixels(predictor.predict(input, mask, alone.withAdaptation(0), TaskMonitor.NONE));
            double changed = 0;
            for (int i = 0; i < stripes.length; i++) {
                if (holes[i] == 0) {
                    assertEquals(stripes[i], adapted[i], "known pixel " + i + " unchanged");
                } else {
                    changed = Math.max(changed, Math.abs(adapted[i] - asTrained[i]));
                }
            }
            assertTrue(changed > 1e-3, "the fitted network fills otherwise: " + changed);
            assertArrayEquals(asTrained, again, "the loaded network itself is left as trained");
            assertTrue(messages.contains("Fitting the network to the image: step 20 of 20"), messages.toString());
        }
    }

    @Test
    void aStackIsFittedOnceWithTheStepsOfEachPlaneWithHoles() throws IOException {
        // Three slices of stripes; the middle one has no hole.
        int slices = 3;
        ImageStack stack = new ImageStack(SIZE, SIZE);
        ImageStack masks = new ImageStack(SIZE, SIZE);
        float[][] truth = new float[slices][SIZE * SIZE];
        byte[] holes = strokes();
        for (int z = 0; z < slices; z++) {
            for (int i = 0; i < SIZE * SIZE; i++) {
                truth[z][i] = (float) (200 + 80 * Math.sin(2 * Math.PI * (i % SIZE + i / SIZE + 2 * z) / 7.0));
            }
            stack.addSlice(new FloatProcessor(SIZE, SIZE, truth[z].clone()));
            masks.addSlice(new ByteProcessor(SIZE, SIZE, z == 1 ? new byte[SIZE * SIZE] : holes.clone()));
        }
        ImagePlus input = new ImagePlus("stack", stack);
        InpaintMask mask = InpaintMask.of(ImagePlusImages.wrap(new ImagePlus("masks", masks)));
        List<String> messages = new ArrayList<>();
        TaskMonitor listening = TestMonitors.reporting((done, total, message) -> messages.add(message));
        try (LoadedModel small = randomizedInpainter()) {
            Predictor predictor = new Predictor(small);
            PredictionOptions alone = PredictionOptions.DEFAULT.withStrength(1);
            ImagePlus asTrained = predictor.predict(input, mask, alone.withAdaptation(0), TaskMonitor.NONE);
            ImagePlus adapted = predictor.predict(input, mask, alone.withAdaptation(6), listening);
            assertEquals(12, messages.stream().filter(m -> m.startsWith("Fitting the network")).count(),
                    "one fit, 6 steps for each of the two planes with holes: " + messages);
            assertTrue(messages.contains("Fitting the network to the image: step 12 of 12"), messages.toString());
            for (int z = 0; z < slices; z++) {
                float[] a = (float[]) adapted.getStack().getPixels(z + 1);
                float[] b = (float[]) asTrained.getStack().getPixels(z + 1);
                double changed = 0;
                for (int i = 0; i < a.length; i++) {
                    if (z == 1 || holes[i] == 0) {
                        assertEquals(truth[z][i], a[i], "known pixel " + i + " of slice " + z + " unchanged");
                    } else {
                        changed = Math.max(changed, Math.abs(a[i] - b[i]));
                    }
                }
                if (z != 1) {
                    assertTrue(changed > 1e-3, "slice " + z + " filled by the fitted network: " + changed);
                }
            }
        }
    }

    /** A small inpainting network with random weights, which changes what it fills as it is fitted. */
    private LoadedModel randomizedInpainter() throws IOException {
        return ModelPackage.load(TestModels.randomized(dir.resolve("a.zip"), "a", new InpaintingSpec(1, 2, 4),
                ModelTask.INPAINT, 48), Device.cpu());
    }

    private static InpaintMask mask(byte[] holes) {
        return InpaintMask.of(ImagePlusImages.wrap(new ImagePlus("mask", new ByteProcessor(SIZE, SIZE,
                holes.clone()))));
    }

    private static float[] pixels(ImagePlus image) {
        return (float[]) image.getProcessor().getPixels();
    }
}
