package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.DiscriminatorNorm;
import io.github.imagejgan.nn.PatchDiscriminatorSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.TaskMonitor;

class CycleGanTrainerTest {

    @TempDir
    Path dir;

    private static GanConfig config(long steps) {
        return GanConfig.cycleGan("invert", new UNetSpec(1, 1, 2, 8, true, false, false), steps)
                .withDiscriminator(new PatchDiscriminatorSpec(1, 8, 2, DiscriminatorNorm.SPECTRAL),
                        AdversarialLoss.LSGAN)
                .withRates(2e-3f, 2e-3f).withIntervals((int) steps, (int) steps);
    }

    @Test
    void cycleTrainingLowersTheCycleLossAndResumesExactly() throws IOException {
        int steps = 80;
        List<StepLosses> losses = new ArrayList<>();
        List<StepLosses> tail = new ArrayList<>();
        Path checkpoint = dir.resolve("cycle.zip");
        try (CycleGanTrainer trainer = CycleGanTrainer.create(config(steps), ToyPatches.inversion(32, 2, 1),
                TrainingData.fixedBatches(ToyPatches.inversion(32, 2, 9), 1), Device.cpu())) {
            for (int i = 0; i < steps; i++) {
                losses.add(trainer.trainOneStep());
                if (i == steps - 4) {
                    trainer.save(checkpoint);
                }
                if (i > steps - 4) {
                    tail.add(losses.get(i));
                }
            }
            ValidationResult v = trainer.validate().orElseThrow();
            assertTrue(v.psnr() > 20, "cycle reconstructions " + v.psnr() + " dB");
            assertNotNull(v.preview());
        }
        double early = losses.subList(0, 10).stream().mapToDouble(StepLosses::reconstruction).average().orElseThrow();
        double late = losses.subList(steps - 10, steps).stream().mapToDouble(StepLosses::reconstruction).average()
                .orElseThrow();
        assertTrue(late < early, "cycle loss falls: " + early + " -> " + late);
        assertTrue(losses.stream().allMatch(StepLosses::isFinite));

        ModelPackage pkg = ModelPackage.open(checkpoint);
        assertEquals(ModelTask.STYLE, pkg.descriptor().task());
        assertNotNull(pkg.entry(CycleGanTrainer.BACKWARD + ".params"), "the reverse generator travels along");
        try (CycleGanTrainer resumed = CycleGanTrainer.resume(checkpoint, ToyPatches.inversion(32, 2, 1), List.of(),
                Device.cpu())) {
            for (StepLosses expected : tail) {
                assertEquals(expected, resumed.trainOneStep());
            }
        }
    }

    @Test
    void runWritesBestAndLast() throws IOException {
        try (CycleGanTrainer trainer = CycleGanTrainer.create(config(4), ToyPatches.inversion(32, 2, 1),
                TrainingData.fixedBatches(ToyPatches.inversion(32, 2, 9), 1), Device.cpu())) {
            TrainingResult result = trainer.run(dir, TrainingListener.NONE, TaskMonitor.NONE);
            assertEquals(4, result.steps());
            assertTrue(Double.isFinite(result.bestPsnr()));
            assertEquals("invert", ModelPackage.open(result.best()).descriptor().name());
            // The cycle score favours an unchanged (untrained) generator, so the model is the last state.
            assertArrayEquals(Files.readAllBytes(result.last()), Files.readAllBytes(result.best()));
        }
    }
}
