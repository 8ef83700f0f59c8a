package io.github.imagejgan.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.nn.Scalars;
import io.github.imagejgan.task.UserException;
import io.github.imagejgan.train.ValidationResult.Preview;

/**
 * CycleGAN training on unpaired domains A and B (Zhu et al. 2017): generators A→B and B→A, a discriminator per
 * domain, cycle consistency (A→B→A gives back A) and identity losses. The model package's generator is A→B; the
 * B→A generator is kept as the {@link ModelPackage#REVERSE_GENERATOR} entry.
 */
public final class CycleGanTrainer extends AdversarialTrainer {

    public static final String FORWARD = "G_AB";
    public static final String BACKWARD = "G_BA";
    private static final String DISCRIMINATOR_A = "D_A";
    private static final String DISCRIMINATOR_B = "D_B";

    private CycleGanTrainer(GanConfig config, PatchSource data, List<PatchBatch> validation, Device device,
            Checkpoint resumeFrom) {
        super(config, roles(config.networks()), data, validation, device, resumeFrom);
        NetworkSpec generator = config.networks().generator();
        if (generator.inputChannels() != generator.outputChannels() || data.inputChannels() != generator.inputChannels()
                || data.targetChannels() != generator.outputChannels()) {
            close();
            throw new TrainingDataException("Unpaired translation needs domains with the generator's channel count ("
                    + generator.inputChannels() + "); got " + data.inputChannels() + " and "
                    + data.targetChannels() + ".");
        }
    }

    private static List<Role> roles(GanConfig.Networks networks) {
        return List.of(new Role(FORWARD, networks.generator()), new Role(BACKWARD, networks.generator()),
                new Role(DISCRIMINATOR_A, networks.discriminator()), new Role(DISCRIMINATOR_B,
                        networks.discriminator()));
    }

    /** A new run with fresh weights from the config's seed; the config must name a discriminator. */
    public static CycleGanTrainer create(GanConfig config, PatchSource data, List<PatchBatch> validation,
            Device device) {
        if (config.networks().discriminator() == null) {
            throw new UserException("CycleGAN training needs discriminators.");
        }
        return new CycleGanTrainer(config, data, validation, device, null);
    }

    /** Continues the run saved in {@code checkpoint}. */
    public static CycleGanTrainer resume(Path checkpoint, PatchSource data, List<PatchBatch> validation,
            Device device) throws IOException {
        return resume(Checkpoint.open(checkpoint), data, validation, device, 0);
    }

    /**
     * Continues an opened checkpoint up to {@code totalSteps} steps (0: the planned number).
     *
     * @throws TrainingSettingsException if the checkpoint has done more steps than that
     */
    public static CycleGanTrainer resume(Checkpoint checkpoint, PatchSource data, List<PatchBatch> validation,
            Device device, long totalSteps) {
        return new CycleGanTrainer(checkpoint.continuedTo(totalSteps), data, validation, device, checkpoint);
    }

    @Override
    protected StepLosses trainStep(PatchBatch batch, NDManager scope, float generatorRate, float discriminatorRate) {
        NDArray a = scope.create(batch.input(), batch.inputShape());
        NDArray b = scope.create(batch.target(), batch.targetShape());
        TrainableNetwork gAB = network(FORWARD);
        TrainableNetwork gBA = network(BACKWARD);
        TrainableNetwork dA = network(DISCRIMINATOR_A);
        TrainableNetwork dB = network(DISCRIMINATOR_B);
        ReconstructionLoss l1 = ReconstructionLoss.L1;
        GanConfig.Losses losses = config.losses();
        AdversarialLoss adversarialLoss = losses.adversarialLoss();
        NDArray fakeA;
        NDArray fakeB;
        double adversarial;
        double cycle;
        dA.freeze(true);
        dB.freeze(true);
        try (GradientCollector collector = newCollector()) {
            fakeB = gAB.forward(a, true);
            fakeA = gBA.forward(b, true);
            NDArray advLoss = adversarialLoss.generator(dB.forward(fakeB, true))
                    .add(adversarialLoss.generator(dA.forward(fakeA, true)));
            NDArray cycleLoss = l1.between(gBA.forward(fakeB, true), a).add(l1.between(gAB.forward(fakeA, true), b));
            NDArray loss = Scalars.times(advLoss, losses.adversarialWeight()).add(Scalars.times(cycleLoss,
                    losses.cycleWeight()));
            if (losses.identityWeight() > 0) {
                NDArray identity = l1.between(gAB.forward(b, true), b).add(l1.between(gBA.forward(a, true), a));
                loss = loss.add(Scalars.times(identity, losses.identityWeight()));
            }
            collector.backward(loss);
            adversarial = advLoss.getFloat();
            cycle = cycleLoss.getFloat();
        } finally {
            dA.freeze(false);
            dB.freeze(false);
        }
        gAB.update(generatorRate, scope);
        gBA.update(generatorRate, scope);
        double real;
        double fake;
        try (GradientCollector collector = newCollector()) {
            NDArray realTerms = adversarialLoss.realTerm(dA.forward(a, true))
                    .add(adversarialLoss.realTerm(dB.forward(b, true)));
            NDArray fakeTerms = adversarialLoss.fakeTerm(dA.forward(fakeA.stopGradient(), true))
                    .add(adversarialLoss.fakeTerm(dB.forward(fakeB.stopGradient(), true)));
            collector.backward(realTerms.add(fakeTerms));
            real = realTerms.getFloat();
            fake = fakeTerms.getFloat();
        }
        dA.update(discriminatorRate, scope);
        dB.update(discriminatorRate, scope);
        return new StepLosses(adversarial, cycle, real, fake);
    }

    /**
     * No: the cycle-consistency score is highest for generators that change nothing (where training starts), so it
     * would pick the untrained model. The model of an unpaired training is its last state.
     */
    @Override
    protected boolean validationRanksModels() {
        return false;
    }

    @Override
    protected ValidationResult evaluate() {
        TrainableNetwork gAB = network(FORWARD);
        TrainableNetwork gBA = network(BACKWARD);
        double error = 0;
        long items = 0;
        Preview preview = null;
        for (PatchBatch batch : validation) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray a = scope.create(batch.input(), batch.inputShape());
                NDArray b = scope.create(batch.target(), batch.targetShape());
                NDArray translated = gAB.forward(a, false);
                NDArray cycledA = gBA.forward(translated, false);
                NDArray cycledB = gAB.forward(gBA.forward(b, false), false);
                long n = batch.inputShape().get(0);
                error += (cycledA.sub(a).square().mean().getFloat() + cycledB.sub(b).square().mean().getFloat())
                        / 2 * n;
                items += n;
                if (preview == null) {
                    preview = new Preview(plane(a), plane(translated), plane(b), (int) a.getShape().get(3),
                            (int) a.getShape().get(2));
                }
            }
        }
        return new ValidationResult(stepsDone(), psnr(error / items), Double.NaN, Double.NaN, preview);
    }

    private static float[] plane(NDArray nchw) {
        return nchw.get(new NDIndex("0, 0")).toFloatArray();
    }

    @Override
    protected String describeModel() {
        return "CycleGAN translation from domain A to domain B (" + config.networks().generator().type()
                + " generators, PatchGAN discriminators); the reverse generator is included.";
    }
}
