package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.TaskMonitor;

/** Training on noisy images alone: the network learns to denoise although it never sees a clean pixel. */
class SelfSupervisedTrainingTest {

    private static final int SIZE = 96;
    private static final double NOISE = 0.2;

    @TempDir
    Path dir;

    /** Smooth structure in 0..1: what the noise hides. */
    private static float[] truth(int seed) {
        float[] values = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                values[y * SIZE + x] = (float) (0.5 + 0.4 * Math.sin((x + 7 * seed) / 9.0) * Math.cos(y / 13.0));
            }
        }
        return values;
    }

    private static float[] noisy(float[] truth, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = truth.clone();
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) (random.nextGaussian() * NOISE);
        }
        return values;
    }

    private static TrainingSample sample(String name, float[] values) {
        ImagePlus imp = new ImagePlus(name, new FloatProcessor(SIZE, SIZE, values));
        return new TrainingSample(name, ImagePlusImages.wrap(imp).channelPlanes(0, 0), LinearMap.IDENTITY);
    }

    private static double meanSquaredError(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum / a.length;
    }

    @Test
    void theLossFallsAndTheOutputIsLessNoisyThanTheInput() throws IOException {
        learnsToDenoise(BlindSpot.parse("fraction=0.05"), false);
    }

    @Test
    void neighbourPairsLearnToDenoiseToo() throws IOException {
        learnsToDenoise(NeighbourPairs.DEFAULT, true);
    }

    /**
     * Trains a small U-Net on three noisy images: the loss (against noisy targets) falls but stays above the noise
     * variance, and on a fourth image the network halves the error at least.
     */
    private void learnsToDenoise(SelfSupervision scheme, boolean residual) throws IOException {
        List<TrainingSample> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            samples.add(sample("noisy" + i, noisy(truth(i), i)));
        }
        NoisyPatches training = new NoisyPatches(samples, scheme, 32, 8, 1, "test");
        List<PatchBatch> validation = TrainingData.fixedBatches(new NoisyPatches(samples, scheme, 32, 8, 2, "test"),
                2);
        int steps = 120;
        GanConfig config = GanConfig.pix2pix("n2v", ModelTask.DENOISE, new UNetSpec(1, 1, 2, 8, residual, false,
                false), steps).withDiscriminator(null, AdversarialLoss.LSGAN).withReconstruction(ReconstructionLoss.L2)
                .withRates(3e-3f, 3e-3f).withIntervals(steps / 2, steps);
        List<StepLosses> losses = new ArrayList<>();
        try (PairedGanTrainer trainer = PairedGanTrainer.create(config, training, validation, Device.cpu())) {
            TrainingResult result = trainer.run(dir, new TrainingListener() {
                @Override
                public void stepDone(long step, long total, StepLosses l, double seconds) {
                    losses.add(l);
                }
            }, TaskMonitor.NONE);
            assertEquals(steps, result.steps());
            double early = losses.subList(0, 10).stream().mapToDouble(StepLosses::reconstruction).average()
                    .orElseThrow();
            double late = losses.subList(steps - 20, steps).stream().mapToDouble(StepLosses::reconstruction)
                    .average().orElseThrow();
            assertTrue(late < early * 0.7, scheme.type() + " loss falls: " + early + " -> " + late);
            // The loss cannot go below the noise it is measured against: nothing of a target pixel's own noise is
            // seen.
            assertTrue(late > 0.7 * NOISE * NOISE, scheme.type() + " loss " + late + " below the noise variance");

            float[] clean = truth(5);
            float[] input = noisy(clean, 50);
            try (NDManager scope = trainer.manager.newSubManager()) {
                NDArray x = scope.create(input, new Shape(1, 1, SIZE, SIZE));
                float[] output = trainer.network(PairedGanTrainer.GENERATOR).forward(x, false).toFloatArray();
                double before = meanSquaredError(input, clean);
                double after = meanSquaredError(output, clean);
                assertTrue(after < 0.5 * before, "error against the truth " + before + " -> " + after);
            }
        }
    }

    @Test
    void onlyTheBlindSpotsCountInTheWeightedLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray output = manager.create(new float[] { 0, 0, 0, 0 }, new Shape(1, 1, 2, 2));
            NDArray target = manager.create(new float[] { 1, 2, 3, 4 }, new Shape(1, 1, 2, 2));
            NDArray weights = manager.create(new float[] { 0, 1, 0, 1 }, new Shape(1, 1, 2, 2));
            assertEquals((4 + 16) / 2f, ReconstructionLoss.L2.between(output, target, weights).getFloat(), 1e-6f);
            assertEquals((2 + 4) / 2f, ReconstructionLoss.L1.between(output, target, weights).getFloat(), 1e-6f);
            assertEquals((1 + 4 + 9 + 16) / 4f, ReconstructionLoss.L2.between(output, target).getFloat(), 1e-6f);
        }
    }
}
