package io.github.imagejgan.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.testing.NoisyPairs;
import io.github.imagejgan.train.Checkpoint;
import io.github.imagejgan.train.GanConfig;

/** Train GAN on noisy images alone, and Denoise (self-supervised) on the current image or a folder. */
class SelfSupervisedCommandsTest extends CommandTestBase {

    private Path noisyFolder(String name, int count, int size) throws IOException {
        Path noisy = Files.createDirectories(dir.resolve(name));
        NoisyPairs.write(noisy, Files.createDirectories(dir.resolve(name + "-clean")), count, size);
        return noisy;
    }

    @Test
    void trainGanOnNoisyImagesAloneTrainsWithoutGanOnTheBlindSpots() throws Exception {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("task", "denoise");
        inputs.put("layout", TrainGanCommand.NOISY);
        inputs.put("firstFolder", noisyFolder("noisy", 2, 48).toFile());
        inputs.put("degradation", TrainGanCommand.DEFAULT_DEGRADATION);
        inputs.put("preset", TrainGanCommand.FAST);
        inputs.put("scale", "2");
        inputs.put("steps", 3);
        inputs.put("patch", 32);
        inputs.put("batch", 2);
        inputs.put("learningRate", 1e-3);
        inputs.put("seed", 3L);
        inputs.put("validation", 0.0);
        inputs.put("adversarial", true);
        inputs.put("reconstructionLoss", "ssim");
        inputs.put("name", "n2v");
        inputs.put("workFolder", dir.resolve("work").toFile());
        inputs.put("resume", null);
        inputs.put("device", "cpu");
        Ran ran = run(TrainGanCommand.class, inputs);
        assertFalse(ran.isCanceled(), ran.getCancelReason());
        GanConfig config = Checkpoint.open(dir.resolve("work").resolve("n2v-last.zip")).config();
        assertNull(config.networks().discriminator(), "the GAN is off for noisy images alone");
        assertEquals(ReconstructionLoss.L2, config.losses().reconstructionLoss());
        assertTrue(Files.isRegularFile(user.resolve("n2v.zip")));
    }

    private Map<String, Object> selfSupervised(String source, String name) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("source", source);
        inputs.put("steps", 2);
        inputs.put("correlation", SelfSupervisedDenoiseCommand.ALONG_X);
        inputs.put("correlationLength", 1);
        inputs.put("name", name);
        inputs.put("resume", false);
        inputs.put("device", "cpu");
        return inputs;
    }

    @Test
    void theCurrentImageIsDenoisedByAModelTrainedOnIt() throws Exception {
        Path noisy = noisyFolder("current", 1, 64);
        ImagePlus image = ImageFiles.open(noisy.resolve("img0.tif"));
        Map<String, Object> inputs = selfSupervised(SelfSupervisedDenoiseCommand.CURRENT, "on-image");
        inputs.put("image", image);
        Ran ran = run(SelfSupervisedDenoiseCommand.class, inputs);
        assertFalse(ran.isCanceled(), ran.getCancelReason());
        ImagePlus result = (ImagePlus) ran.getOutput("result");
        assertEquals(64, result.getWidth());
        assertEquals(32, result.getBitDepth(), "restored values between grey levels are kept");
        assertTrue(Files.isRegularFile(user.resolve("on-image.zip")), "the model is kept as a user model");
    }

    @Test
    void aFolderIsDenoisedIntoTheOutputFolderWithTheModelBesideIt() throws Exception {
        Path noisy = noisyFolder("folder", 2, 64);
        Path out = dir.resolve("denoised");
        Map<String, Object> inputs = selfSupervised(SelfSupervisedDenoiseCommand.FOLDER, "on-folder");
        inputs.put("inputFolder", noisy.toFile());
        inputs.put("outputFolder", out.toFile());
        Ran ran = run(SelfSupervisedDenoiseCommand.class, inputs);
        assertFalse(ran.isCanceled(), ran.getCancelReason());
        assertTrue(Files.isRegularFile(out.resolve("img0.tif")) && Files.isRegularFile(out.resolve("img1.tif")));
        assertTrue(Files.isRegularFile(out.resolve("on-folder.zip")));

        inputs.put("outputFolder", noisy.toFile());
        Ran refused = run(SelfSupervisedDenoiseCommand.class, inputs);
        assertTrue(refused.isCanceled());
        assertTrue(refused.getCancelReason().contains("input folder"), refused.getCancelReason());
    }
}
