package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.nn.UNetSpec;

class TrainingRequestTest {

    /** The settings of a request, each changeable by a test; valid as they start. */
    private static final class Settings {
        ModelTask task = ModelTask.DENOISE;
        TrainingRequest.Layout layout = TrainingRequest.Layout.PAIRED;
        String degradation;
        int features = 32;
        int depth = 3;
        int blocks = 8;
        int scale = 2;
        int discriminatorFeatures = 64;
        float adversarialWeight = 1;
        float reconstructionWeight = 100;
        long steps = 2000;
        int patch = 128;
        int batch = 8;
        float learningRate = 2e-4f;
        double validation = 0.1;
        boolean adversarial = true;
        ReconstructionLoss reconstruction = ReconstructionLoss.L1;

        TrainingRequest build() {
            boolean oneFolder = layout == TrainingRequest.Layout.DEGRADED || layout == TrainingRequest.Layout.NOISY;
            return new TrainingRequest(task, "m", layout, Path.of("in"), oneFolder ? null : Path.of("out"),
                    degradation, features, depth, blocks, scale, discriminatorFeatures, adversarial,
                    AdversarialLoss.LSGAN, reconstruction, adversarialWeight, reconstructionWeight, steps, patch,
                    batch, learningRate, 1, validation);
        }
    }

    private static String refusal(Consumer<Settings> change) {
        Settings s = new Settings();
        change.accept(s);
        return assertThrows(TrainingSettingsException.class, s::build).getMessage();
    }

    @Test
    void theDefaultsAreAValidRequest() {
        assertEquals(128, new Settings().build().patch());
    }

    @Test
    void everyNumberIsRefusedOutsideItsRangeWithTheRange() {
        assertEquals("Training steps 0 is out of range: choose 1 to 100000000.", refusal(s -> s.steps = 0));
        assertEquals("Batch size 0 is out of range: choose 1 to 256.", refusal(s -> s.batch = 0));
        assertEquals("Generator features 0 is out of range: choose 1 to 256.", refusal(s -> s.features = 0));
        assertEquals("Generator features 100000 is out of range: choose 1 to 256.",
                refusal(s -> s.features = 100000));
        assertEquals("Discriminator features -1 is out of range: choose 1 to 512.",
                refusal(s -> s.discriminatorFeatures = -1));
        assertEquals("U-Net depth 7 is out of range: choose 1 to 6.", refusal(s -> s.depth = 7));
        assertEquals("Residual blocks 65 is out of range: choose 0 to 64.", refusal(s -> s.blocks = 65));
        assertEquals("Super-resolution factor 3 is not supported: choose 2 or 4.", refusal(s -> s.scale = 3));
        assertEquals("Learning rate 0.0 is out of range: choose more than 0 and at most 1.0.",
                refusal(s -> s.learningRate = 0));
        assertEquals("Learning rate NaN is out of range: choose more than 0 and at most 1.0.",
                refusal(s -> s.learningRate = Float.NaN));
        assertEquals("Reconstruction weight -1.0 is out of range: choose 0 to 10000.0.",
                refusal(s -> s.reconstructionWeight = -1));
        assertEquals("Validation fraction 1.0 is out of range: choose 0 to 0.9.", refusal(s -> s.validation = 1));
    }

    @Test
    void thePatchMustFitTheDiscriminatorAndTheGenerator() {
        assertEquals("Patch size 4 is not possible: choose 32 to 1024 pixels, a multiple of 8 (a U-Net of depth 3 "
                + "halves it 3 times).", refusal(s -> s.patch = 4));
        assertEquals("Patch size 36 is not possible: choose 32 to 1024 pixels, a multiple of 8 (a U-Net of depth 3 "
                + "halves it 3 times).", refusal(s -> s.patch = 36));
        assertEquals("Patch size 2048 is not possible: choose 64 to 1024 pixels, a multiple of 64 (a U-Net of depth "
                + "6 halves it 6 times).", refusal(s -> {
                    s.depth = 6;
                    s.patch = 2048;
                }));
        assertEquals("Patch size 50 is not possible: choose 32 to 1024 pixels, a multiple of 4 (the scale factor).",
                refusal(s -> {
                    s.task = ModelTask.SUPER_RESOLUTION;
                    s.scale = 4;
                    s.patch = 50;
                }));
    }

    @Test
    void noisyImagesAloneTrainADenoiserWithoutGanOnPixelsAndWithoutPassingTheInputThrough() {
        Settings s = noisy("fraction=0.05,struct=x:2");
        TrainingRequest request = s.build();
        UNetSpec generator = (UNetSpec) request.generator(1);
        assertFalse(generator.residual(), "a residual network would add each pixel's own noise back");
        assertTrue(request.config(1, 1).networks().discriminator() == null);
        s.reconstruction = ReconstructionLoss.L1;
        assertEquals(ReconstructionLoss.L1, s.build().reconstructionLoss(), "l1 is a pixel-wise loss too");
        assertTrue(refusal(t -> {
            t.layout = TrainingRequest.Layout.NOISY;
        }).contains("no adversarial term"));
        assertTrue(refusal(t -> {
            t.layout = TrainingRequest.Layout.NOISY;
            t.adversarial = false;
            t.reconstruction = ReconstructionLoss.SSIM;
        }).contains("choose the l2"));
        assertTrue(refusal(t -> {
            t.layout = TrainingRequest.Layout.NOISY;
            t.adversarial = false;
            t.task = ModelTask.SUPER_RESOLUTION;
        }).contains("denoising only"));
        assertTrue(refusal(t -> {
            t.layout = TrainingRequest.Layout.NOISY;
            t.adversarial = false;
            t.degradation = "struct=z:2";
        }).contains("x or y"));
    }

    /** Self-supervised settings with the given scheme: no GAN, the l2 loss. */
    private static Settings noisy(String scheme) {
        Settings s = new Settings();
        s.layout = TrainingRequest.Layout.NOISY;
        s.adversarial = false;
        s.reconstruction = ReconstructionLoss.L2;
        s.degradation = scheme;
        return s;
    }

    @Test
    void neighbourPairsTrainAResidualDenoiserOnPatchesItCanHalve() {
        Settings s = noisy("pairs");
        s.depth = 3;
        s.patch = 64;
        UNetSpec generator = (UNetSpec) s.build().generator(1);
        assertTrue(generator.residual(), "each pixel is trained to become its neighbour, not itself");
        assertTrue(refusal(t -> {
            t.layout = TrainingRequest.Layout.NOISY;
            t.adversarial = false;
            t.degradation = "pairs";
            t.depth = 3;
            t.patch = 40;
        }).contains("divisible by 16"));
    }

    @Test
    void aDegradationIsReadWhenTheRequestIsMade() {
        String message = refusal(s -> {
            s.layout = TrainingRequest.Layout.DEGRADED;
            s.degradation = "gaussian:sigma=abc";
        });
        assertEquals("Degradation 'gaussian:sigma=abc': gaussian: sigma must be a number, got 'abc'", message);
    }
}
