package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;

/** The moving average of a generator's weights: its arithmetic, its swap, and runs that validate and save it. */
class WeightAverageTest {

    @TempDir
    Path dir;

    /** One parameter of three weights. */
    private static final class Toy implements AutoCloseable {
        final NDManager manager = NDManager.newBaseManager();
        final Parameter weight = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        final WeightAverage average;

        Toy(float decay) {
            weight.setArray(manager.create(new float[] {0, 10, -4}));
            average = new WeightAverage(manager, Map.of("w", weight), decay);
        }

        void set(float... values) {
            weight.getArray().set(values);
        }

        float[] weights() {
            return weight.getArray().toFloatArray();
        }

        void update() {
            try (NDManager step = manager.newSubManager()) {
                average.update(step);
            }
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    @Test
    void theAverageFollowsTheWeightsWithADecayThatGrowsToItsSetting() {
        try (Toy toy = new Toy(0.3f)) {
            double[] expected = {0, 10, -4};
            float[][] steps = { {1, 1, 1}, {2, 4, 8}, {-3, 0, 3}, {5, 5, 5} };
            for (int n = 1; n <= steps.length; n++) {
                double decay = toy.average.nextDecay();
                assertEquals(Math.min(0.3, (1.0 + n) / (10.0 + n)), decay, 1e-7, "decay of update " + n);
                toy.set(steps[n - 1]);
                toy.update();
                for (int i = 0; i < 3; i++) {
                    expected[i] = decay * expected[i] + (1 - decay) * steps[n - 1][i];
                }
            }
            assertEquals(0.3, toy.average.nextDecay(), 1e-7, "the setting, once (1 + n) / (10 + n) passes it");
            toy.average.swap();
            float[] swapped = toy.weights();
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], swapped[i], 1e-5, "averaged weight " + i);
            }
            toy.average.swap();
            assertArrayEquals(new float[] {5, 5, 5}, toy.weights(), "the run's own weights are back");
        }
    }

    @Test
    void aSavedAverageLoadsUnderTheNetworkThatHoldsIt() throws IOException {
        try (Toy saved = new Toy(0.9f); Toy loaded = new Toy(0.9f)) {
            saved.set(3, 3, 3);
            saved.update();
            saved.set(7, -1, 2);
            saved.update();
            assertThrows(IllegalStateException.class, () -> saved.average.save(new DataOutputStream(
                    new ByteArrayOutputStream())), "saving needs the average in the network");
            saved.average.swap();
            float[] averaged = saved.weights();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                saved.average.save(out);
            }
            saved.average.swap();
            // As a checkpoint is read: the network gets the package's (averaged) weights, then the run's own.
            loaded.set(averaged);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                loaded.average.load(in);
                assertEquals(0, in.available());
            }
            assertArrayEquals(new float[] {7, -1, 2}, loaded.weights());
            assertEquals(2, loaded.average.updates());
            loaded.average.swap();
            assertArrayEquals(averaged, loaded.weights());
            byte[] truncated = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);
            loaded.average.swap();
            assertThrows(IOException.class, () -> loaded.average.load(new DataInputStream(
                    new ByteArrayInputStream(truncated))));
        }
    }

    @Test
    void decaysOutsideTheUnitIntervalAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> new WeightAverage(manager, Map.of(), 1f));
            assertThrows(IllegalArgumentException.class, () -> new WeightAverage(manager, Map.of(), 0f));
        }
    }

    private static PairedGanTrainer trainer(GanConfig config) {
        return PairedGanTrainer.create(config, ToyPatches.denoising(32, 4, 1),
                TrainingData.fixedBatches(ToyPatches.denoising(32, 4, 99), 2), Device.cpu());
    }

    @Test
    void anAveragingRunSavesTheAverageAndResumesExactly() throws IOException {
        GanConfig config = PairedGanTrainerTest.tinyConfig(12).withWeightAverage(0.9f);
        Path uninterruptedModel = dir.resolve("whole.zip");
        List<StepLosses> uninterrupted = new ArrayList<>();
        try (PairedGanTrainer trainer = trainer(config)) {
            for (int i = 0; i < 12; i++) {
                uninterrupted.add(trainer.trainOneStep());
            }
            float[] own = firstWeights(trainer);
            trainer.save(uninterruptedModel);
            assertArrayEquals(own, firstWeights(trainer), "saving leaves the run's own weights in place");
            try (LoadedModel model = ModelPackage.load(uninterruptedModel, Device.cpu())) {
                float[] written = model.generator().getParameters().get(0).getValue().getArray().toFloatArray();
                assertFalse(Arrays.equals(own, written), "the package holds the average, not the last step");
            }
        }
        Path half = dir.resolve("half.zip");
        try (PairedGanTrainer trainer = trainer(config)) {
            for (int i = 0; i < 6; i++) {
                trainer.trainOneStep();
            }
            trainer.save(half);
        }
        Path resumedModel = dir.resolve("resumed.zip");
        try (PairedGanTrainer resumed = PairedGanTrainer.resume(half, ToyPatches.denoising(32, 4, 1), List.of(),
                Device.cpu())) {
            for (int i = 6; i < 12; i++) {
                assertEquals(uninterrupted.get(i), resumed.trainOneStep(), "step " + (i + 1) + " after resume");
            }
            resumed.save(resumedModel);
        }
        try (LoadedModel whole = ModelPackage.load(uninterruptedModel, Device.cpu());
                LoadedModel resumed = ModelPackage.load(resumedModel, Device.cpu())) {
            assertArrayEquals(whole.generator().getParameters().get(0).getValue().getArray().toFloatArray(),
                    resumed.generator().getParameters().get(0).getValue().getArray().toFloatArray(),
                    "the resumed run's average is the uninterrupted one's");
        }
        assertTrue(Checkpoint.open(half).config().optimizer().weightAverage() == 0.9f, "the setting is kept");
    }

    private static float[] firstWeights(PairedGanTrainer trainer) {
        return trainer.generator().getParameters().get(0).getValue().getArray().toFloatArray();
    }
}
