package io.github.imagejgan.train;

import java.util.Objects;

import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.DiscriminatorNorm;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.PatchDiscriminatorSpec;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.task.UserException;

/**
 * Everything that defines a training run besides its data, in four parts: the networks, the losses, the optimizer
 * and the schedule. Saved in every checkpoint (as one flat set of fields, see {@code StoredGanConfig}), so a resumed
 * run continues with exactly the same settings.
 *
 * @param modelName name of the resulting model package
 * @param task      what the model will do
 * @param networks  what is trained
 * @param losses    what the generator and discriminator minimize
 * @param optimizer how the networks learn
 * @param schedule  how long, and when to validate and save
 * @param seed      seed of weights and data order
 */
public record GanConfig(String modelName, ModelTask task, Networks networks, Losses losses, Optimizer optimizer,
        Schedule schedule, long seed) {

    /**
     * The networks of a run.
     *
     * @param generator     the generator (for unpaired training: each of the two)
     * @param discriminator the discriminator, or null to train the generator on reconstruction alone
     * @param conditional   the discriminator also sees the generator's input (pix2pix)
     * @param tileSize      default tile size written into the model
     * @param sliceHalo     neighbouring slices on each side that the generator sees as further input channels
     *                      (2.5D); 0 for single planes
     */
    public record Networks(NetworkSpec generator, PatchDiscriminatorSpec discriminator, boolean conditional,
            int tileSize, int sliceHalo) {

        /** Networks of single planes. */
        public Networks(NetworkSpec generator, PatchDiscriminatorSpec discriminator, boolean conditional,
                int tileSize) {
            this(generator, discriminator, conditional, tileSize, 0);
        }
    }

    /**
     * The losses and their weights in the generator's loss.
     *
     * @param adversarialLoss      LSGAN, hinge or BCE
     * @param reconstructionLoss   L1 or SSIM between output and target (paired training)
     * @param adversarialWeight    weight of the adversarial term
     * @param reconstructionWeight weight of the reconstruction term (pix2pix: 100)
     * @param cycleWeight          weight of cycle consistency (unpaired training; CycleGAN: 10)
     * @param identityWeight       weight of the identity loss (unpaired training; CycleGAN: 5)
     */
    public record Losses(AdversarialLoss adversarialLoss, ReconstructionLoss reconstructionLoss,
            float adversarialWeight, float reconstructionWeight, float cycleWeight, float identityWeight) {
    }

    /**
     * Adam's settings.
     *
     * @param generatorRate     learning rate of generators
     * @param discriminatorRate learning rate of discriminators
     * @param beta1             first-moment decay (GANs: 0.5)
     * @param beta2             second-moment decay
     * @param weightAverage     decay of the moving average of the generator's weights that is validated and
     *                          written as the model ({@link WeightAverage}); 0 for the run's own weights
     */
    public record Optimizer(float generatorRate, float discriminatorRate, float beta1, float beta2,
            float weightAverage) {

        /** Adam without a weight average. */
        public Optimizer(float generatorRate, float discriminatorRate, float beta1, float beta2) {
            this(generatorRate, discriminatorRate, beta1, beta2, 0f);
        }
    }

    /**
     * The run's length and rhythm.
     *
     * @param steps           total training steps
     * @param decayStart      step after which learning rates fall linearly to zero
     * @param validateEvery   steps between validations (and best-model checks)
     * @param checkpointEvery steps between "last" checkpoints
     */
    public record Schedule(long steps, long decayStart, int validateEvery, int checkpointEvery) {

        /** The same schedule over another number of steps; the decay starts at the same fraction of the run. */
        Schedule withSteps(long newSteps) {
            return new Schedule(newSteps, Math.min(newSteps, decayStart * newSteps / steps), validateEvery,
                    checkpointEvery);
        }
    }

    /** Adam as pix2pix and CycleGAN use it. */
    private static final Optimizer ADAM = new Optimizer(2e-4f, 2e-4f, 0.5f, 0.999f);

    public GanConfig {
        Objects.requireNonNull(networks);
        Objects.requireNonNull(losses);
        Objects.requireNonNull(optimizer);
        Objects.requireNonNull(schedule);
        if (modelName == null || modelName.isBlank() || task == null || networks.generator() == null
                || losses.adversarialLoss() == null || losses.reconstructionLoss() == null) {
            throw new UserException("A training needs a model name, task, generator and losses.");
        }
        if (schedule.steps() < 1 || schedule.decayStart() < 0 || schedule.decayStart() > schedule.steps()
                || schedule.validateEvery() < 1 || schedule.checkpointEvery() < 1 || networks.tileSize() < 1
                || networks.sliceHalo() < 0) {
            throw new UserException("Steps, validation and checkpoint intervals must be positive and "
                    + "the decay must start within the run.");
        }
        if (!(optimizer.generatorRate() > 0) || !(optimizer.discriminatorRate() > 0)
                || !(optimizer.beta1() >= 0 && optimizer.beta1() < 1)
                || !(optimizer.beta2() >= 0 && optimizer.beta2() < 1)
                || !(optimizer.weightAverage() >= 0 && optimizer.weightAverage() < 1)) {
            throw new UserException("Learning rates must be positive, Adam betas and the weight average's decay "
                    + "in [0, 1).");
        }
    }

    /**
     * pix2pix defaults: LSGAN with a conditional 70x70 PatchGAN, L1 weighted 100, Adam 2e-4 with betas 0.5/0.999,
     * rates decaying over the second half.
     */
    public static GanConfig pix2pix(String modelName, ModelTask task, NetworkSpec generator, long steps) {
        int discriminatorChannels = generator.inputChannels() + generator.outputChannels();
        return new GanConfig(modelName, task, new Networks(generator, PatchDiscriminatorSpec.classic(
                discriminatorChannels), true, 256), new Losses(AdversarialLoss.LSGAN, ReconstructionLoss.L1, 1f, 100f,
                        10f, 5f), ADAM, schedule(steps), 1);
    }

    /** CycleGAN defaults: LSGAN, unconditional PatchGANs, cycle weight 10, identity 5. */
    public static GanConfig cycleGan(String modelName, NetworkSpec generator, long steps) {
        return new GanConfig(modelName, ModelTask.STYLE, new Networks(generator, PatchDiscriminatorSpec.classic(
                generator.outputChannels()), false, 256), new Losses(AdversarialLoss.LSGAN, ReconstructionLoss.L1, 1f,
                        0f, 10f, 5f), ADAM, schedule(steps), 1);
    }

    /**
     * SPADE's settings (Park et al. 2019): hinge loss with a conditional spectral-norm PatchGAN that sees the label
     * map beside the image (the trainer judges at two scales), no reconstruction term, Adam with betas 0 and 0.9,
     * the discriminator learning four times as fast as the generator (1e-4 and 4e-4).
     *
     * @param discriminatorFeatures feature maps of each PatchGAN's first layer
     */
    public static GanConfig spade(String modelName, SpadeSpec generator, int discriminatorFeatures, long steps) {
        PatchDiscriminatorSpec d = new PatchDiscriminatorSpec(generator.mapChannels() + generator.outputChannels(),
                discriminatorFeatures, 3, DiscriminatorNorm.SPECTRAL);
        return new GanConfig(modelName, ModelTask.SYNTHESIS, new Networks(generator, d, true, 256), new Losses(
                AdversarialLoss.HINGE, ReconstructionLoss.L1, 1f, 0f, 0f, 0f), new Optimizer(1e-4f, 4e-4f, 0f, 0.9f),
                schedule(steps), 1);
    }

    /** Rates decaying over the second half; 20 validations and 5 checkpoints per run. */
    private static Schedule schedule(long steps) {
        return new Schedule(steps, steps / 2, (int) Math.max(1, steps / 20), (int) Math.max(1, steps / 5));
    }

    private GanConfig with(Networks newNetworks, Losses newLosses) {
        return new GanConfig(modelName, task, newNetworks, newLosses, optimizer, schedule, seed);
    }

    /** The same run with other step counts (schedule and intervals scale along). */
    public GanConfig withSteps(long newSteps) {
        return new GanConfig(modelName, task, networks, losses, optimizer, schedule.withSteps(newSteps), seed);
    }

    /** The same run with another seed. */
    public GanConfig withSeed(long newSeed) {
        return new GanConfig(modelName, task, networks, losses, optimizer, schedule, newSeed);
    }

    /** The same run with other validation and checkpoint intervals. */
    public GanConfig withIntervals(int newValidateEvery, int newCheckpointEvery) {
        return new GanConfig(modelName, task, networks, losses, optimizer, new Schedule(schedule.steps(),
                schedule.decayStart(), newValidateEvery, newCheckpointEvery), seed);
    }

    /** The same run with another discriminator (null: no adversarial training) and adversarial loss. */
    public GanConfig withDiscriminator(PatchDiscriminatorSpec newDiscriminator, AdversarialLoss newLoss) {
        return with(new Networks(networks.generator(), newDiscriminator, networks.conditional(), networks.tileSize(),
                networks.sliceHalo()),
                new Losses(newLoss, losses.reconstructionLoss(), losses.adversarialWeight(),
                        losses.reconstructionWeight(), losses.cycleWeight(), losses.identityWeight()));
    }

    /** The same run for a generator that sees {@code slicesEachSide} neighbouring slices on each side (2.5D). */
    public GanConfig withSliceHalo(int slicesEachSide) {
        return with(new Networks(networks.generator(), networks.discriminator(), networks.conditional(),
                networks.tileSize(), slicesEachSide), losses);
    }

    /** The same run with another reconstruction loss. */
    public GanConfig withReconstruction(ReconstructionLoss newLoss) {
        return with(networks, new Losses(losses.adversarialLoss(), newLoss, losses.adversarialWeight(),
                losses.reconstructionWeight(), losses.cycleWeight(), losses.identityWeight()));
    }

    /** The same run with other loss weights. */
    public GanConfig withWeights(float newAdversarial, float newReconstruction) {
        return with(networks, new Losses(losses.adversarialLoss(), losses.reconstructionLoss(), newAdversarial,
                newReconstruction, losses.cycleWeight(), losses.identityWeight()));
    }

    /** The same run with other learning rates. */
    public GanConfig withRates(float newGeneratorRate, float newDiscriminatorRate) {
        return new GanConfig(modelName, task, networks, losses, new Optimizer(newGeneratorRate, newDiscriminatorRate,
                optimizer.beta1(), optimizer.beta2(), optimizer.weightAverage()), schedule, seed);
    }

    /** The same run with the generator's weights averaged at this decay (0: not averaged). */
    public GanConfig withWeightAverage(float decay) {
        return new GanConfig(modelName, task, networks, losses, new Optimizer(optimizer.generatorRate(),
                optimizer.discriminatorRate(), optimizer.beta1(), optimizer.beta2(), decay), schedule, seed);
    }

    public LearningRateSchedule generatorSchedule() {
        return new LearningRateSchedule(optimizer.generatorRate(), schedule.decayStart(), schedule.steps());
    }

    public LearningRateSchedule discriminatorSchedule() {
        return new LearningRateSchedule(optimizer.discriminatorRate(), schedule.decayStart(), schedule.steps());
    }
}
