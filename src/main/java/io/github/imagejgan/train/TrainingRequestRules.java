package io.github.imagejgan.train;

import java.util.Locale;

import io.github.imagejgan.degrade.AxialUndersampling;
import io.github.imagejgan.degrade.Degradations;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.train.TrainingRequest.Layout;

/**
 * The values a {@link TrainingRequest} may hold, checked when it is made: both front ends build one before reading
 * any image, so a wrong setting fails at once with its valid range instead of after loading data or mid-run.
 * The upper limits are far above any useful run; they only stop a typo (an extra zero) from exhausting memory.
 */
final class TrainingRequestRules {

    static final long MAX_STEPS = 100_000_000L;
    static final int MAX_PATCH = 1024;
    static final int MAX_BATCH = 256;
    static final int MAX_FEATURES = 256;
    static final int MAX_DISCRIMINATOR_FEATURES = 512;
    static final int MAX_BLOCKS = 64;
    /** The U-Net's limit ({@code UNetSpec}); the patch must be a multiple of 2^depth. */
    static final int MAX_DEPTH = 6;
    static final float MAX_LEARNING_RATE = 1;
    static final float MAX_WEIGHT = 10_000;
    static final double MAX_VALIDATION_FRACTION = 0.9;

    private TrainingRequestRules() {
    }

    static void check(TrainingRequest r) {
        checkLayout(r);
        range("Training steps", r.steps(), 1, MAX_STEPS);
        range("Batch size", r.batch(), 1, MAX_BATCH);
        range("Generator features", r.features(), 1, MAX_FEATURES);
        range("Discriminator features", r.discriminatorFeatures(), 1, MAX_DISCRIMINATOR_FEATURES);
        range("U-Net depth", r.depth(), 1, MAX_DEPTH);
        range("Residual blocks", r.blocks(), 0, MAX_BLOCKS);
        if (r.scale() != 2 && r.scale() != 4) {
            throw new TrainingSettingsException("Super-resolution factor " + r.scale() + " is not supported: choose 2 "
                    + "or 4.");
        }
        checkPatch(r);
        positive("Learning rate", r.learningRate(), MAX_LEARNING_RATE);
        weight("Adversarial weight", r.adversarialWeight());
        weight("Reconstruction weight", r.reconstructionWeight());
        if (!(r.validationFraction() >= 0 && r.validationFraction() <= MAX_VALIDATION_FRACTION)) {
            throw new TrainingSettingsException("Validation fraction " + r.validationFraction() + " is out of range: "
                    + "choose 0 to " + MAX_VALIDATION_FRACTION + ".");
        }
        if (r.layout() == Layout.NOISY && SelfSupervision.parse(r.degradation()) instanceof NeighbourPairs
                && r.patch() % (2 << r.depth()) != 0) {
            throw new TrainingSettingsException("Neighbour pairs train on half-size images, which the U-Net must "
                    + "halve " + r.depth() + " times: choose a patch size divisible by " + (2 << r.depth()) + ".");
        }
        if (!(r.weightAverage() >= 0 && r.weightAverage() < 1)) {
            throw new TrainingSettingsException("Weight average " + r.weightAverage() + " is out of range: choose a "
                    + "decay from 0 (off) to below 1, e.g. 0.999 (about the last thousand steps).");
        }
        checkSliceHalo(r);
        boolean restores = r.task() == ModelTask.DENOISE || r.task() == ModelTask.SUPER_RESOLUTION;
        if (r.noiseMap() && (!restores || r.sliceHalo() > 0 || r.layout() == Layout.NOISY)) {
            throw new TrainingSettingsException("A noise map is for denoisers and super-resolution of single planes "
                    + "trained on pairs or on clean images with a degradation, not for " + (!restores ? r.task().id()
                            : r.sliceHalo() > 0 ? "z-stacks seen with their neighbouring slices"
                                    : "self-supervised training") + ".");
        }
        if (r.layout() == Layout.DEGRADED) {
            try {
                AxialBlurWindow.Split split = AxialBlurWindow.split(r.degradation());
                if (split.sigma() > 0 && r.sliceHalo() == 0) {
                    throw new TrainingSettingsException("An axial blur (zblur) needs z-stacks seen with their "
                            + "neighbouring slices: give --slices 3 or more (Train GAN: Slices seen).");
                }
                Degradations.parse(split.planes());
            } catch (IllegalArgumentException e) {
                throw new TrainingSettingsException("Degradation '" + r.degradation() + "': " + e.getMessage());
            }
        }
    }

    private static void checkSliceHalo(TrainingRequest r) {
        range("Neighbouring slices on each side", r.sliceHalo(), 0, TrainingRequest.MAX_SLICE_HALO);
        // NB: a 2.5D super-resolution, inpainting or style network would need its own architecture; denoising from
        // neighbouring slices (paired, degraded or self-supervised) is what low-light stacks need.
        if (r.sliceHalo() > 0 && r.task() != ModelTask.DENOISE) {
            throw new TrainingSettingsException("Neighbouring slices are for denoising z-stacks, not for "
                    + r.task().id() + ".");
        }
        if (r.volumetric() && r.sliceHalo() < 1) {
            throw new TrainingSettingsException("A volumetric (3D) network restores each slice from its neighbours: "
                    + "give 3 or more slices (1 or more on each side).");
        }
        if (r.volumetric() && r.sliceHalo() > r.depth() + 1) {
            throw new TrainingSettingsException("A volumetric network of depth " + r.depth() + " sees at most "
                    + (r.depth() + 1) + " slices on each side (one 3D convolution per level); got " + r.sliceHalo()
                    + ". Use fewer slices or a deeper network.");
        }
    }

    private static void checkLayout(TrainingRequest r) {
        if (r.task() == null || r.layout() == null || r.first() == null) {
            throw new TrainingSettingsException("Choose the task, the folder layout and the training folder(s).");
        }
        if (r.adversarialLoss() == null || r.reconstructionLoss() == null) {
            throw new TrainingSettingsException("Choose the adversarial and reconstruction losses.");
        }
        if (r.layout() == Layout.NOISY) {
            checkNoisy(r);
        }
        if (r.task() == ModelTask.SYNTHESIS) {
            checkSynthesis(r);
        }
        if (r.layout() != Layout.DEGRADED && r.layout() != Layout.NOISY && r.second() == null) {
            throw new TrainingSettingsException(r.layout() == Layout.PAIRED ? "Choose the target folder."
                    : "Choose the folder of domain B.");
        }
        if (r.layout() == Layout.DEGRADED && (r.degradation() == null || r.degradation().isBlank())) {
            throw new TrainingSettingsException("Give the degradation that makes inputs from the clean images.");
        }
        if (r.task() == ModelTask.ISOTROPIC && (r.layout() != Layout.DEGRADED || !r.degradation().trim().startsWith(
                AxialUndersampling.TYPE))) {
            // NB: the command reads the model's axial factor from this degradation (IsotropicTraining.factor).
            throw new TrainingSettingsException("Isotropic restoration learns from a stack's own lateral slices with "
                    + "the axial degradation (" + AxialUndersampling.TYPE + ":factor=F,axialBlur=S) and nothing else.");
        }
        if ((r.task() == ModelTask.STYLE) != (r.layout() == Layout.UNPAIRED)) {
            throw new TrainingSettingsException(r.task() == ModelTask.STYLE
                    ? "Style transfer learns from two unpaired folders (domain A and domain B)."
                    : "Unpaired folders train style transfer only; use paired folders or one folder with a "
                            + "degradation for " + r.task().id() + ".");
        }
        if (r.name() == null || r.name().isBlank()) {
            throw new TrainingSettingsException("Give the model a name.");
        }
    }

    /** Synthesis: label images paired with real ones, always against a discriminator. */
    private static void checkSynthesis(TrainingRequest r) {
        if (r.layout() != Layout.PAIRED) {
            throw new TrainingSettingsException("Synthesis learns from label images paired with real images (two "
                    + "folders, matched by file name).");
        }
        if (!r.adversarial()) {
            throw new TrainingSettingsException("Synthesis learns from its discriminator (hinge loss and feature "
                    + "matching); it cannot train without one. Turn the GAN on.");
        }
        if (r.patch() < 2 * TrainingRequest.MIN_PATCH) {
            throw new TrainingSettingsException("Patch size " + r.patch() + " is too small for synthesis: its "
                    + "discriminator also judges a copy at half the size; choose at least " + 2
                    * TrainingRequest.MIN_PATCH + " pixels.");
        }
        String labels = r.degradation();
        if (labels != null && !labels.equalsIgnoreCase(TrainingRequest.INSTANCE_LABELS)
                && !labels.equalsIgnoreCase(TrainingRequest.CLASS_LABELS)) {
            throw new TrainingSettingsException("Labels '" + labels + "': choose " + TrainingRequest.CLASS_LABELS
                    + " or " + TrainingRequest.INSTANCE_LABELS + ".");
        }
    }

    /** Self-supervised training: denoising only, with a pixel-wise loss and no discriminator. */
    private static void checkNoisy(TrainingRequest r) {
        if (r.task() != ModelTask.DENOISE) {
            throw new TrainingSettingsException("Noisy images alone train denoising only; " + r.task().id()
                    + " needs paired folders or clean images with a degradation.");
        }
        if (!r.reconstructionLoss().pixelWise()) {
            throw new TrainingSettingsException("Self-supervised training scores single masked pixels: choose the l2 "
                    + "(or l1) reconstruction loss, not " + TrainingRequest.lossName(r.reconstructionLoss()) + ".");
        }
        if (r.adversarial()) {
            // NB: a discriminator would see the blind spots' targets, the noisy image itself, as what is real, and
            // push the output back towards the noise.
            throw new TrainingSettingsException("Self-supervised training has no adversarial term: its targets are "
                    + "the noisy images, which a discriminator would teach the network to imitate. Turn the GAN off.");
        }
    }

    /**
     * The patch must be large enough for the 70x70 PatchGAN's strided layers and divisible by what the generator
     * halves or scales it by.
     */
    private static void checkPatch(TrainingRequest r) {
        boolean superResolution = r.task() == ModelTask.SUPER_RESOLUTION;
        int divisor = superResolution ? r.scale() : 1 << r.depth();
        int min = Math.max(TrainingRequest.MIN_PATCH, divisor);
        if (r.patch() < min || r.patch() > MAX_PATCH || r.patch() % divisor != 0) {
            throw new TrainingSettingsException("Patch size " + r.patch() + " is not possible: choose " + min + " to "
                    + MAX_PATCH + " pixels, a multiple of " + divisor + (superResolution ? " (the scale factor)."
                            : " (a U-Net of depth " + r.depth() + " halves it " + r.depth() + " times)."));
        }
    }

    private static void range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new TrainingSettingsException(what + " " + value + " is out of range: choose " + min + " to " + max
                    + ".");
        }
    }

    private static void positive(String what, float value, float max) {
        if (!(value > 0 && value <= max)) {
            throw new TrainingSettingsException(String.format(Locale.ROOT, "%s %s is out of range: choose more than 0"
                    + " and at most %s.", what, value, max));
        }
    }

    private static void weight(String what, float value) {
        if (!(value >= 0 && value <= MAX_WEIGHT)) {
            throw new TrainingSettingsException(String.format(Locale.ROOT, "%s %s is out of range: choose 0 to %s.",
                    what, value, MAX_WEIGHT));
        }
    }
}
