package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import io.github.imagejgan.degrade.Degradations;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.TaskMonitor;

/** Training data in the units users give: degradations in grey values, paired data of different brightness. */
class TrainingUnitsTest {

    private static final TrainingData.Sampling SAMPLING = new TrainingData.Sampling(32, 4, 0.25, 2, 3);

    @TempDir
    Path dir;

    /** A 16-bit scene of soft blobs on a background, in grey values {@code offset + gain * (0..1000)}. */
    private static float[] scene(int size, long seed) {
        Random random = new Random(seed);
        float[] v = new float[size * size];
        for (int b = 0; b < 12; b++) {
            double cx = random.nextDouble() * size;
            double cy = random.nextDouble() * size;
            double r = 2 + random.nextDouble() * 6;
            double a = 300 + random.nextDouble() * 700;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
                    v[y * size + x] += (float) (a * Math.exp(-d2));
                }
            }
        }
        return v;
    }

    private static void save(Path file, float[] values, int size, double gain, double offset, double noise,
            long seed) throws IOException {
        Random random = new Random(seed);
        ImagePlus imp = IJ.createImage(file.getFileName().toString(), "16-bit black", size, size, 1);
        ImageProcessor ip = imp.getProcessor();
        for (int i = 0; i < values.length; i++) {
            double v = offset + gain * values[i] + noise * random.nextGaussian();
            ip.setf(i % size, i / size, (float) Math.max(0, Math.round(v)));
        }
        ImageFiles.saveTiff(imp, file);
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    /** Mean reconstruction loss over the first and over the last {@code window} steps of a short run. */
    private double[] train(TrainingData data, int steps) throws IOException {
        UNetSpec g = new UNetSpec(1, 1, 2, 8, true, false, false);
        GanConfig config = GanConfig.pix2pix("units", ModelTask.DENOISE, g, steps).withDiscriminator(null, io.github.imagejgan.nn.AdversarialLoss.LSGAN)
                .withRates(1e-3f, 1e-3f).withIntervals(steps, steps).withSeed(5);
        List<Double> losses = new ArrayList<>();
        try (PairedGanTrainer trainer = PairedGanTrainer.create(config, data.training(), data.validation(),
                Device.cpu())) {
            trainer.run(Files.createDirectories(dir.resolve("work")), new TrainingListener() {
                @Override
                public void stepDone(long step, long total, StepLosses l, double seconds) {
                    losses.add(l.reconstruction());
                }
            }, TaskMonitor.NONE);
        }
        int window = steps / 5;
        double first = losses.subList(0, window).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(steps - window, steps).stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow();
        return new double[] { first, last };
    }

    @Test
    void degradationsActInGreyValuesAndTrainingFromTheReadmeSpecificationLearns() throws IOException {
        Path clean = folder("clean");
        for (int i = 0; i < 3; i++) {
            save(clean.resolve("c" + i + ".tif"), scene(64, i), 64, 1, 200, 0, i);
        }
        PatchDegradation noise = PatchDegradation.of(Degradations.parse("gaussian:sigma=20"), 32);
        TrainingData data = TrainingData.degraded(clean, noise, SAMPLING);
        PatchBatch batch = data.training().batch(1);
        // Input and target share one normalization, so their difference is the noise in normalized units; its
        // scale is what the image's range makes of 20 grey values, not 20 normalized units.
        double sum = 0;
        double range = 0;
        for (int i = 0; i < batch.input().length; i++) {
            double d = batch.input()[i] - batch.target()[i];
            sum += d * d;
            range = Math.max(range, batch.target()[i]);
        }
        double sigma = Math.sqrt(sum / batch.input().length);
        assertTrue(sigma > 0.005 && sigma < 0.1, "20 grey values of a ~1000-value range: " + sigma);
        assertTrue(range < 2, "targets stay near 0..1: " + range);
        double[] loss = train(data, 60);
        assertTrue(loss[1] < 0.8 * loss[0], "reconstruction loss falls: " + loss[0] + " -> " + loss[1]);
    }

    @Test
    void pairsWhoseTargetsAreTenTimesBrighterTrainAtTheInputsScale() throws IOException {
        Path in = folder("dim");
        Path out = folder("bright");
        for (int i = 0; i < 3; i++) {
            float[] s = scene(64, 10 + i);
            save(in.resolve("p" + i + ".tif"), s, 64, 0.14, 100, 4, i);
            save(out.resolve("p" + i + ".tif"), s, 64, 2, 0, 0, i);
        }
        TrainingData data = TrainingData.paired(in, out, 1, SAMPLING);
        PatchBatch batch = data.training().batch(1);
        double meanIn = 0;
        double meanOut = 0;
        for (int i = 0; i < batch.input().length; i++) {
            meanIn += batch.input()[i];
            meanOut += batch.target()[i];
        }
        meanIn /= batch.input().length;
        meanOut /= batch.target().length;
        assertEquals(meanIn, meanOut, 0.05, "targets are brought to the inputs' scale");
        double[] loss = train(data, 60);
        assertTrue(loss[1] < 0.8 * loss[0], "reconstruction loss falls: " + loss[0] + " -> " + loss[1]);
    }

    @Test
    void imagesSmallerThanThePatchAreLeftOutWithAWarning() throws IOException {
        Path clean = folder("mixed");
        save(clean.resolve("large.tif"), scene(64, 1), 64, 1, 0, 0, 1);
        save(clean.resolve("large2.tif"), scene(64, 2), 64, 1, 0, 0, 2);
        ImageFiles.saveTiff(IJ.createImage("tiny", "16-bit ramp", 20, 40, 1), clean.resolve("tiny.tif"));
        PatchDegradation noise = PatchDegradation.of(Degradations.parse("gaussian:sigma=20"), 32);
        TrainingData data = TrainingData.degraded(clean, noise, SAMPLING);
        assertEquals(1, data.warnings().size());
        assertTrue(data.warnings().get(0).contains("tiny.tif") && data.warnings().get(0).contains("20x40"),
                data.warnings().get(0));
        assertEquals(new ai.djl.ndarray.types.Shape(4, 1, 32, 32), data.training().batch(1).inputShape());

        Path small = folder("small");
        ImageFiles.saveTiff(IJ.createImage("tiny", "16-bit ramp", 20, 40, 1), small.resolve("tiny.tif"));
        TrainingDataException none = assertThrows(TrainingDataException.class,
                () -> TrainingData.degraded(small, noise, SAMPLING));
        assertTrue(none.getMessage().contains("smaller than the 32-pixel"), none.getMessage());
    }
}
