package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.model.ProcessingStep;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.testing.LabelScenes;

class SpadeTrainerTest {

    @TempDir
    Path dir;

    private TrainingData data;

    @BeforeEach
    void writeScenes() throws IOException {
        LabelScenes.write(dir, 3, 72);
        data = TrainingData.synthesis(dir.resolve("labels"), dir.resolve("images"), false,
                new TrainingData.Sampling(64, 2, 0.3, 1, 5));
    }

    /** SPADE of 4 features over 2 levels, PatchGANs of 4 features. */
    private static GanConfig tinyConfig(long steps) {
        return GanConfig.spade("toy-synthesis", new SpadeSpec(3, false, 1, 4, 2), 4, steps).withRates(1e-3f, 4e-3f)
                .withIntervals((int) Math.max(1, steps / 2), (int) Math.max(1, steps / 2));
    }

    private SpadeTrainer trainer(GanConfig config) {
        return SpadeTrainer.create(config, data.training(), data.validation(), Device.cpu());
    }

    @Test
    void labelPatchesKeepTheirIdsAndFollowTheirImagesCropAndFlip() {
        SynthesisPatches source = (SynthesisPatches) data.training();
        assertEquals(3, source.classes(), "ids 0, 1, 2");
        PatchBatch batch = source.batch(7);
        assertEquals(new Shape(2, 2, 64, 64), batch.inputShape());
        int plane = 64 * 64;
        for (int b = 0; b < 2; b++) {
            for (int p = 0; p < plane; p++) {
                float id = batch.input()[2 * b * plane + p];
                assertTrue(id == 0 || id == 1 || id == 2, "label " + id);
                // Background is dim, disks bright: the image pixel belongs to the same label.
                float value = batch.target()[b * plane + p];
                if (id == 1) {
                    assertTrue(value > 0.5f, "disk pixel " + value);
                } else if (id == 0) {
                    assertTrue(value < 0.4f, "background pixel " + value);
                }
            }
        }
        double noise = 0;
        for (int p = 0; p < plane; p++) {
            noise += batch.input()[plane + p] * batch.input()[plane + p];
        }
        assertEquals(1, noise / plane, 0.15, "the second channel is unit Gaussian noise");
        assertArrayEquals(batch.input(), source.batch(7).input(), "a step's batch never changes");
    }

    @Test
    void nonIntegerLabelsAreRefusedWithTheirPlace() throws IOException {
        FloatProcessor fractional = new FloatProcessor(72, 72);
        fractional.setf(5, 6, 0.5f);
        IJ.saveAsTiff(new ImagePlus("x", fractional), dir.resolve("labels").resolve("scene-0.tif").toString());
        TrainingDataException e = assertThrows(TrainingDataException.class, () -> TrainingData.synthesis(dir.resolve(
                "labels"), dir.resolve("images"), false, new TrainingData.Sampling(64, 2, 0.3, 1, 5)));
        assertTrue(e.getMessage().contains("0.5 at (5, 6)"), e.getMessage());
    }

    @Test
    void aTinyRunTrainsChecksPointsAndItsOutputVariesWithTheNoise() throws IOException {
        try (SpadeTrainer trainer = trainer(tinyConfig(4))) {
            TrainingResult result = trainer.run(dir, TrainingListener.NONE, TaskMonitor.NONE);
            assertEquals(4, result.steps());
            try (LoadedModel model = ModelPackage.open(result.best()).load(Device.cpu())) {
                ModelDescriptor descriptor = model.descriptor();
                assertEquals(ModelTask.SYNTHESIS, descriptor.task());
                assertEquals(1, descriptor.imageChannels());
                // Outputs map back to the training images' grey values: about 100 (low) to 1000 (high).
                ProcessingStep.ScaleLinear back = (ProcessingStep.ScaleLinear) descriptor.normalization().declared()
                        .postprocessing().get(0);
                assertTrue(back.offset().get(0) >= 0 && back.offset().get(0) < 200, "low " + back.offset());
                assertTrue(back.gain().get(0) > 700 && back.gain().get(0) < 1300, "range " + back.gain());
                try (NDManager manager = NDManager.newBaseManager()) {
                    PatchBatch batch = data.validation().get(0);
                    NDArray x = manager.create(batch.input(), batch.inputShape()).get(new NDIndex("0:1"));
                    NDArray other = x.duplicate();
                    other.set(new NDIndex("0, 1"), manager.randomNormal(new Shape(64, 64)));
                    Block g = model.generator();
                    NDArray a = g.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
                    NDArray b = g.forward(new ParameterStore(manager, false), new NDList(other), false)
                            .singletonOrThrow();
                    assertTrue(a.sub(b).abs().mean().getFloat() > 1e-3f * a.abs().mean().getFloat(),
                            "other noise, other image");
                }
            }
        }
    }

    @Test
    void resumedRunReachesTheWeightsOfAnUninterruptedOne() throws IOException {
        GanConfig config = tinyConfig(6);
        List<StepLosses> uninterrupted = new ArrayList<>();
        List<float[]> weights;
        try (SpadeTrainer trainer = trainer(config)) {
            for (int i = 0; i < 6; i++) {
                uninterrupted.add(trainer.trainOneStep());
            }
            weights = values(trainer.generator());
        }
        Path checkpoint = dir.resolve("half.zip");
        try (SpadeTrainer trainer = trainer(config)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(uninterrupted.get(i), trainer.trainOneStep(), "same seed, same step " + (i + 1));
            }
            trainer.save(checkpoint);
        }
        try (SpadeTrainer resumed = SpadeTrainer.resume(checkpoint, data.training(), data.validation(),
                Device.cpu())) {
            assertEquals(3, resumed.stepsDone());
            for (int i = 3; i < 6; i++) {
                assertEquals(uninterrupted.get(i), resumed.trainOneStep(), "step " + (i + 1) + " after resume");
            }
            List<float[]> after = values(resumed.generator());
            for (int i = 0; i < weights.size(); i++) {
                assertArrayEquals(weights.get(i), after.get(i), "parameter " + i);
            }
        }
    }

    /** Every parameter's values, running statistics included. */
    private static List<float[]> values(Block block) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
