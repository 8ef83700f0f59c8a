package io.github.imagejgan.train;

import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.ReconstructionLoss;

/**
 * The settings a training from folders takes when the user leaves them out, the same in the Train GAN dialog and
 * on the command line: both read them here, so that they cannot drift apart.
 */
public final class TrainingDefaults {

    public static final long STEPS = 2000;
    /**
     * Patch side (output side for super-resolution). On a CPU a 64-pixel step costs about a quarter of a 128-pixel
     * one, so the network sees four times the updates per minute; measured to pay off within 15 CPU minutes on a
     * user's own images (models/training-on-your-own-images.md).
     */
    public static final int PATCH = 64;
    public static final int BATCH = 8;
    /** Generator feature maps at full resolution. */
    public static final int FEATURES = 32;
    public static final int DEPTH = 3;
    /** Residual blocks of the super-resolution generator. */
    public static final int BLOCKS = 8;
    public static final int SCALE = 2;
    /** PatchGAN feature maps of the first layer. */
    public static final int DISCRIMINATOR_FEATURES = 64;
    public static final AdversarialLoss ADVERSARIAL_LOSS = AdversarialLoss.LSGAN;
    public static final ReconstructionLoss RECONSTRUCTION_LOSS = ReconstructionLoss.L1;
    /** Self-supervised denoising learns the mean of the noisy values a pixel may take: squared error. */
    public static final ReconstructionLoss SELF_SUPERVISED_LOSS = ReconstructionLoss.L2;
    public static final float ADVERSARIAL_WEIGHT = 1;
    /** pix2pix's weight of the L1 term. */
    public static final float RECONSTRUCTION_WEIGHT = 100;
    /** Adam's rate for all networks; a double, as dialogs show it. */
    public static final double LEARNING_RATE = 4e-4;
    /** Decay of the generator's weight average (0: none; see {@link WeightAverage}). */
    public static final float WEIGHT_AVERAGE = 0f;
    /**
     * Whether restoration (denoise, super-resolution, inpaint) trains against a discriminator unless asked otherwise.
     * Off: the adversarial term cost 2.7 times the step time for no PSNR gain in 600-step runs, and reconstruction
     * alone beat the best tuned classical filter by 1.8 dB within 15 CPU minutes. Style transfer always has its
     * discriminators.
     */
    public static final boolean ADVERSARIAL = false;
    public static final long SEED = 1;
    /** Share of the files held out for validation. */
    public static final double VALIDATION_FRACTION = 0.1;

    /**
     * A network size a dialog offers instead of single numbers, with a discriminator of twice the generator's
     * features (at least 32).
     *
     * @param features generator feature maps at full resolution
     * @param patch    patch side
     * @param batch    patches per step
     */
    public record Preset(int features, int patch, int batch) {

        public static final Preset FAST = new Preset(16, 64, 4);
        /** The defaults above. */
        public static final Preset STANDARD = new Preset(FEATURES, PATCH, BATCH);
        public static final Preset LARGE = new Preset(48, 128, 8);

        public int discriminatorFeatures() {
            return Math.max(32, features * 2);
        }
    }

    /**
     * What the commands that train on the images they then process take when the user leaves it out: self-supervised
     * denoising (no discriminator, the blind spots' squared error) and isotropic restoration (a stack's own lateral
     * slices), each with a network and patches sized so that it trains in minutes on a laptop's CPU.
     *
     * @param steps        training steps
     * @param patch        patch side
     * @param batch        patches per step
     * @param features     U-Net feature maps at full resolution
     * @param depth        U-Net depth
     * @param learningRate Adam's rate
     */
    public record ImagesRun(long steps, int patch, int batch, int features, int depth, double learningRate) {

        /**
         * Self-supervised denoising of about ten 512x512 images: 12000 steps from the shipped start reached +1.52 dB
         * over the best classical filter on ten real images in 19.7 minutes on a 2-core CPU (8000: +1.46 dB;
         * models/self-supervised.md).
         */
        public static final ImagesRun SELF_SUPERVISED = new ImagesRun(12000, 64, 16, 16, 3, 4e-4);

        /**
         * Network passes over flips of each tile when the trained model denoises the images it learned from: the
         * blind-spot network's errors differ between orientations, and averaging 8 of them gained 0.3-0.4 dB on
         * real images (models/self-supervised.md) for seconds against the training's minutes.
         */
        public static final int SELF_SUPERVISED_ENSEMBLE = 8;

        /** Isotropic restoration from the lateral slices of one stack (models/isotropic.md). */
        public static final ImagesRun ISOTROPIC = new ImagesRun(3000, 64, 8, 16, 3, 4e-4);

        /** These settings with another number of steps (what the Fiji commands let the user choose). */
        public ImagesRun withSteps(long otherSteps) {
            return new ImagesRun(otherSteps, patch, batch, features, depth, learningRate);
        }
    }

    private TrainingDefaults() {
    }
}
