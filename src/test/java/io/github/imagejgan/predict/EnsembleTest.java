package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

class EnsembleTest {

    @TempDir
    Path dir;

    @Test
    void everyOrientationTurnsBackToTheOriginal() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(0, 1, new Shape(2, 3, 4, 6));
            for (int pass = 0; pass < 8; pass++) {
                NDArray turned = Ensemble.turn(x, pass);
                assertEquals(pass >= 4 ? new Shape(2, 3, 6, 4) : x.getShape(), turned.getShape());
                assertArrayEquals(x.toFloatArray(), Ensemble.back(turned, pass).toFloatArray(), "pass " + pass);
            }
        }
    }

    /**
     * A "network" that moves the image one column to the right: over 4 flips its mean is the mean of the left and
     * right neighbours, over 8 (transposed too) the mean of all four nearest neighbours.
     */
    @Test
    void aShiftAveragedOverTheOrientationsIsTheMeanOfTheNeighbours() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 9;
            NDArray x = manager.randomUniform(0, 1, new Shape(1, 1, n, n));
            NDArray four = Ensemble.of(EnsembleTest::shiftRight, 4).apply(x);
            NDArray eight = Ensemble.of(EnsembleTest::shiftRight, 8).apply(x);
            assertArrayEquals(shiftRight(x).toFloatArray(), Ensemble.of(EnsembleTest::shiftRight, 1).apply(x)
                    .toFloatArray());
            NDIndex inner = new NDIndex("0, 0, 1:{}, 1:{}", n - 1, n - 1);
            NDArray left = x.get(new NDIndex("0, 0, 1:{}, 0:{}", n - 1, n - 2));
            NDArray right = x.get(new NDIndex("0, 0, 1:{}, 2:", n - 1));
            NDArray up = x.get(new NDIndex("0, 0, 0:{}, 1:{}", n - 2, n - 1));
            NDArray down = x.get(new NDIndex("0, 0, 2:, 1:{}", n - 1));
            assertArrayEquals(left.add(right).div(2f).toFloatArray(), four.get(inner).toFloatArray(), 1e-6f);
            assertArrayEquals(left.add(right).add(up).add(down).div(4f).toFloatArray(), eight.get(inner)
                    .toFloatArray(), 1e-6f);
        }
    }

    /** Every column moved one to the right, the first repeated. */
    private static NDArray shiftRight(NDArray x) {
        long w = x.getShape().get(3);
        return NDArrays.concat(new NDList(x.get(new NDIndex(":, :, :, 0:1")), x.get(new NDIndex(":, :, :, 0:{}",
                w - 1))), 3);
    }

    @Test
    void onlyOneFourOrEightPasses() {
        assertThrows(UserException.class, () -> PredictionOptions.DEFAULT.withEnsemble(2));
        assertThrows(UserException.class, () -> new Operation(ModelTask.DENOISE, "m", OutputType.FLOAT32, "auto",
                "cpu", 0, false, false, 3));
    }

    @Test
    void tilesStayExactAndTheMeanDiffersFromOnePass() throws IOException {
        ImagePlus image = noise(45, 38, 1);
        UNetSpec spec = new UNetSpec(1, 1, 2, 4, true, false, false);
        try (LoadedModel model = ModelPackage.load(TestModels.untrained(dir.resolve("u.zip"), "u", spec,
                ModelTask.DENOISE, 16), Device.cpu())) {
            Predictor predictor = new Predictor(model);
            PredictionOptions whole = PredictionOptions.DEFAULT.withTileSize(64).withEnsemble(8);
            float[] one = pixels(predictor.predict(image, null, whole.withEnsemble(1), TaskMonitor.NONE));
            float[] eight = pixels(predictor.predict(image, null, whole, TaskMonitor.NONE));
            float[] tiled = pixels(predictor.predict(image, null, whole.withTileSize(16), TaskMonitor.NONE));
            assertArrayEquals(eight, tiled, 1e-3f, "tiled == untiled with 8 passes");
            double difference = 0;
            for (int i = 0; i < one.length; i++) {
                difference = Math.max(difference, Math.abs(one[i] - eight[i]));
            }
            assertTrue(difference > 1, "an untrained network differs between orientations: " + difference);
        }
    }

    @Test
    void synthesisKeepsOnePass() throws IOException {
        ImagePlus labels = new ImagePlus("labels", new FloatProcessor(32, 32));
        try (LoadedModel model = ModelPackage.load(TestModels.untrainedSynthesis(dir.resolve("s.zip"), "s",
                new SpadeSpec(2, false, 1, 8, 2), 32), Device.cpu())) {
            UserException e = assertThrows(UserException.class, () -> new Predictor(model).predict(labels, null,
                    PredictionOptions.DEFAULT.withEnsemble(4), TaskMonitor.NONE));
            assertTrue(e.getMessage().contains("ensemble 1"), e.getMessage());
        }
    }

    private static ImagePlus noise(int w, int h, long seed) {
        Random random = new Random(seed);
        float[] values = new float[w * h];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 + 1000 * random.nextFloat();
        }
        return new ImagePlus("noise", new FloatProcessor(w, h, values));
    }

    private static float[] pixels(ImagePlus imp) {
        return (float[]) imp.getProcessor().convertToFloatProcessor().getPixels();
    }
}
