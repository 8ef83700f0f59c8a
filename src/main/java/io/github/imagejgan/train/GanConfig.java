package io.github.imagejgan.train;

import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.PatchDiscriminatorSpec;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.task.UserException;

/**
 * Everything that defines a training run besides its data. Saved in every checkpoint, so a resumed run continues
 * with exactly the same settings.
 *
 * @param modelName            name of the resulting model package
 * @param task                 what the model will do
 * @param generator            the generator (for unpaired training: each of the two)
 * @param discriminator        the discriminator, or null to train the generator on reconstruction alone
 * @param adversarialLoss      LSGAN, hinge or BCE
 * @param reconstructionLoss   L1 or SSIM between output and target (paired training)
 * @param adversarialWeight    weight of the adversarial term in the generator's loss
 * @param reconstructionWeight weight of the reconstruction term (pix2pix: 100)
 * @param cycleWeight          weight of cycle consistency (unpaired training; CycleGAN: 10)
 * @param identityWeight       weight of the identity loss (unpaired training; CycleGAN: 5)
 * @param conditional          the discriminator also sees the generator's input (pix2pix)
 * @param generatorRate        Adam learning rate of generators
 * @param discriminatorRate    Adam learning rate of discriminators
 * @param beta1                Adam first-moment decay (GANs: 0.5)
 * @param beta2                Adam second-moment decay
 * @param steps                total training steps
 * @param decayStart           step after which learning rates fall linearly to zero
 * @param seed                 seed of weights and data order
 * @param validateEvery        steps between validations (and best-model checks)
 * @param checkpointEvery      steps between "last" checkpoints
 * @param tileSize             default tile size written into the model
 */
public record GanConfig(String modelName, ModelTask task, NetworkSpec generator,
        PatchDiscriminatorSpec discriminator, AdversarialLoss adversarialLoss, ReconstructionLoss reconstructionLoss,
        float adversarialWeight, float reconstructionWeight, float cycleWeight, float identityWeight,
        boolean conditional, float generatorRate, float discriminatorRate, float beta1, float beta2, long steps,
        long decayStart, long seed, int validateEvery, int checkpointEvery, int tileSize) {

    public GanConfig {
        if (modelName == null || modelName.isBlank() || task == null || generator == null
                || adversarialLoss == null || reconstructionLoss == null) {
            throw new UserException("A training needs a model name, task, generator and losses.");
        }
        if (steps < 1 || decayStart < 0 || decayStart > steps || validateEvery < 1 || checkpointEvery < 1
                || tileSize < 1) {
            throw new UserException("Steps, validation and checkpoint intervals must be positive and "
                    + "the decay must start within the run.");
        }
        if (!(generatorRate > 0) || !(discriminatorRate > 0) || !(beta1 >= 0 && beta1 < 1)
                || !(beta2 >= 0 && beta2 < 1)) {
            throw new UserException("Learning rates must be positive and Adam betas in [0, 1).");
        }
    }

    /**
     * pix2pix defaults: LSGAN with a conditional 70x70 PatchGAN, L1 weighted 100, Adam 2e-4 with betas 0.5/0.999,
     * rates decaying over the second half.
     */
    public static GanConfig pix2pix(String modelName, ModelTask task, NetworkSpec generator, long steps) {
        int discriminatorChannels = generator.inputChannels() + generator.outputChannels();
        return new GanConfig(modelName, task, generator, PatchDiscriminatorSpec.classic(discriminatorChannels),
                AdversarialLoss.LSGAN, ReconstructionLoss.L1, 1f, 100f, 10f, 5f, true, 2e-4f, 2e-4f, 0.5f, 0.999f,
                steps, steps / 2, 1, (int) Math.max(1, steps / 20), (int) Math.max(1, steps / 5), 256);
    }

    /** CycleGAN defaults: LSGAN, unconditional PatchGANs, cycle weight 10, identity 5. */
    public static GanConfig cycleGan(String modelName, NetworkSpec generator, long steps) {
        return new GanConfig(modelName, ModelTask.STYLE, generator, PatchDiscriminatorSpec.classic(generator
                .outputChannels()), AdversarialLoss.LSGAN, ReconstructionLoss.L1, 1f, 0f, 10f, 5f, false, 2e-4f,
                2e-4f, 0.5f, 0.999f, steps, steps / 2, 1, (int) Math.max(1, steps / 20), (int) Math.max(1,
                        steps / 5), 256);
    }

    /** The same run with other step counts (schedule and intervals scale along). */
    public GanConfig withSteps(long newSteps) {
        return new GanConfig(modelName, task, generator, discriminator, adversarialLoss, reconstructionLoss,
                adversarialWeight, reconstructionWeight, cycleWeight, identityWeight, conditional, generatorRate,
                discriminatorRate, beta1, beta2, newSteps, Math.min(newSteps, decayStart * newSteps / steps), seed,
                validateEvery, checkpointEvery, tileSize);
    }

    /** The same run with another seed. */
    public GanConfig withSeed(long newSeed) {
        return new GanConfig(modelName, task, generator, discriminator, adversarialLoss, reconstructionLoss,
                adversarialWeight, reconstructionWeight, cycleWeight, identityWeight, conditional, generatorRate,
                discriminatorRate, beta1, beta2, steps, decayStart, newSeed, validateEvery, checkpointEvery, tileSize);
    }

    /** The same run with other validation and checkpoint intervals. */
    public GanConfig withIntervals(int newValidateEvery, int newCheckpointEvery) {
        return new GanConfig(modelName, task, generator, discriminator, adversarialLoss, reconstructionLoss,
                adversarialWeight, reconstructionWeight, cycleWeight, identityWeight, conditional, generatorRate,
                discriminatorRate, beta1, beta2, steps, decayStart, seed, newValidateEvery, newCheckpointEvery,
                tileSize);
    }

    /** The same run with another discriminator (null: no adversarial training) and adversarial loss. */
    public GanConfig withDiscriminator(PatchDiscriminatorSpec newDiscriminator, AdversarialLoss newLoss) {
        return new GanConfig(modelName, task, generator, newDiscriminator, newLoss, reconstructionLoss,
                adversarialWeight, reconstructionWeight, cycleWeight, identityWeight, conditional, generatorRate,
                discriminatorRate, beta1, beta2, steps, decayStart, seed, validateEvery, checkpointEvery, tileSize);
    }

    /** The same run with another reconstruction loss. */
    public GanConfig withReconstruction(ReconstructionLoss newLoss) {
        return new GanConfig(modelName, task, generator, discriminator, adversarialLoss, newLoss, adversarialWeight,
                reconstructionWeight, cycleWeight, identityWeight, conditional, generatorRate, discriminatorRate, beta1,
                beta2, steps, decayStart, seed, validateEvery, checkpointEvery, tileSize);
    }

    /** The same run with other loss weights. */
    public GanConfig withWeights(float newAdversarial, float newReconstruction) {
        return new GanConfig(modelName, task, generator, discriminator, adversarialLoss, reconstructionLoss,
                newAdversarial, newReconstruction, cycleWeight, identityWeight, conditional, generatorRate,
                discriminatorRate, beta1, beta2, steps, decayStart, seed, validateEvery, checkpointEvery, tileSize);
    }

    /** The same run with other learning rates. */
    public GanConfig withRates(float newGeneratorRate, float newDiscriminatorRate) {
        return new GanConfig(modelName, task, generator, discriminator, adversarialLoss, reconstructionLoss,
                adversarialWeight, reconstructionWeight, cycleWeight, identityWeight, conditional, newGeneratorRate,
                newDiscriminatorRate, beta1, beta2, steps, decayStart, seed, validateEvery, checkpointEvery, tileSize);
    }

    public LearningRateSchedule generatorSchedule() {
        return new LearningRateSchedule(generatorRate, decayStart, steps);
    }

    public LearningRateSchedule discriminatorSchedule() {
        return new LearningRateSchedule(discriminatorRate, decayStart, steps);
    }
}
