package io.github.imagejgan.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.Layers;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.Scalars;
import io.github.imagejgan.train.ValidationResult.Preview;

/**
 * pix2pix-style training on input/target pairs (denoising, super-resolution, inpainting): the generator minimizes
 * a weighted reconstruction loss plus the adversarial loss of a PatchGAN that sees (input, output) pairs; the
 * PatchGAN learns to tell generated pairs from real ones. Without a discriminator this is plain supervised training.
 */
public final class PairedGanTrainer extends AdversarialTrainer {

    static final String GENERATOR = "G";
    static final String DISCRIMINATOR = "D";

    /** Gaussian blurs tried for the reference a denoiser must beat (sigma in pixels). */
    private static final double[] BLUR_SIGMAS = { 0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0 };

    /** PSNR of the best of those blurs on the validation patches; NaN until computed, and for other tasks. */
    private double blurred = Double.NaN;

    /** How self-supervised runs by neighbour pairs learn; null for every other run. */
    private final NeighbourPairs pairs;

    private PairedGanTrainer(GanConfig config, PatchSource data, List<PatchBatch> validation, Device device,
            Checkpoint resumeFrom, StartingWeights start) {
        super(config, roles(config), data, validation, device, resumeFrom, start);
        pairs = NeighbourPairs.TYPE.equals(data.degradation().get("type"))
                ? NeighbourPairs.parse(String.valueOf(data.degradation().get("masking"))) : null;
        NetworkSpec generator = config.networks().generator();
        if (data.inputChannels() != generator.inputChannels() || data.targetChannels() != generator.outputChannels()) {
            close();
            throw new TrainingDataException("The data has " + data.inputChannels() + " input and "
                    + data.targetChannels() + " target channels; the generator expects "
                    + generator.inputChannels() + " and " + generator.outputChannels() + ".");
        }
    }

    private static List<Role> roles(GanConfig config) {
        List<Role> roles = new ArrayList<>();
        GanConfig.Networks networks = config.networks();
        roles.add(new Role(GENERATOR, networks.generator()));
        if (networks.discriminator() != null) {
            roles.add(new Role(DISCRIMINATOR, networks.discriminator()));
        }
        return roles;
    }

    /** A new run with fresh weights from the config's seed. */
    public static PairedGanTrainer create(GanConfig config, PatchSource data, List<PatchBatch> validation,
            Device device) {
        return create(config, data, validation, device, null);
    }

    /** A new run whose generator starts from {@code start} (null: fresh weights from the config's seed). */
    public static PairedGanTrainer create(GanConfig config, PatchSource data, List<PatchBatch> validation,
            Device device, StartingWeights start) {
        return new PairedGanTrainer(config, data, validation, device, null, start);
    }

    /** Continues the run saved in {@code checkpoint} (its settings included) on the same data. */
    public static PairedGanTrainer resume(Path checkpoint, PatchSource data, List<PatchBatch> validation,
            Device device) throws IOException {
        return resume(Checkpoint.open(checkpoint), data, validation, device, 0);
    }

    /**
     * Continues an opened checkpoint up to {@code totalSteps} steps (0: the planned number).
     *
     * @throws TrainingSettingsException if the checkpoint has done more steps than that
     */
    public static PairedGanTrainer resume(Checkpoint checkpoint, PatchSource data, List<PatchBatch> validation,
            Device device, long totalSteps) {
        return new PairedGanTrainer(checkpoint.continuedTo(totalSteps), data, validation, device, checkpoint, null);
    }

    @Override
    protected StepLosses trainStep(PatchBatch batch, NDManager scope, float generatorRate, float discriminatorRate) {
        if (pairs != null) {
            return pairsStep(batch, scope, generatorRate);
        }
        NDArray x = scope.create(batch.input(), batch.inputShape());
        NDArray y = scope.create(batch.target(), batch.targetShape());
        NDArray weights = batch.lossWeights() == null ? null : scope.create(batch.lossWeights(), batch.targetShape());
        GeneratorPhase g = generatorPhase(x, y, weights);
        network(GENERATOR).update(generatorRate, scope);
        if (network(DISCRIMINATOR) == null) {
            return new StepLosses(0, g.reconstruction(), 0, 0);
        }
        DiscriminatorPhase d = discriminatorPhase(x, y, g.fake());
        network(DISCRIMINATOR).update(discriminatorRate, scope);
        return new StepLosses(g.adversarial(), g.reconstruction(), d.real(), d.fake());
    }

    /**
     * One step of learning from neighbour pairs ({@link NeighbourPairs}): the network's output on the first half-size
     * image should be the second, with the regularizer on the whole patch's output (computed without gradients).
     */
    private StepLosses pairsStep(PatchBatch batch, NDManager scope, float rate) {
        TrainableNetwork g = network(GENERATOR);
        long next = stepsDone() + 1;
        NDArray x = scope.create(batch.input(), batch.inputShape());
        NDArray y = scope.create(batch.target(), batch.targetShape());
        NeighbourPairs.Pair pair = NeighbourPairs.draw(scope, NeighbourPairs.planes(batch.targetShape()),
                Patches.random(~config.seed(), next));
        NDArray whole = g.forward(x, false).stopGradient();
        NDArray gap = pair.first(whole).sub(pair.second(whole));
        NDArray target = pair.second(y);
        double weight = pairs.weightAt(next, config.schedule().steps());
        double reconstruction;
        try (GradientCollector collector = newCollector()) {
            NDArray out = g.forward(pair.first(x), true);
            NDArray recLoss = config.losses().reconstructionLoss().between(out, target);
            NDArray regularizer = out.sub(target).sub(gap).square().mean();
            collector.backward(recLoss.add(Scalars.times(regularizer, (float) weight)));
            reconstruction = recLoss.getFloat();
        }
        g.update(rate, scope);
        return new StepLosses(0, reconstruction, 0, 0);
    }

    /** What the generator phase produced: its images and its (unweighted) loss terms. */
    record GeneratorPhase(NDArray fake, double adversarial, double reconstruction) {
    }

    /** The discriminator's loss terms on real and on generated pairs. */
    record DiscriminatorPhase(double real, double fake) {
    }

    /**
     * Records the generator's gradients: reconstruction plus adversarial loss through the discriminator, which is
     * frozen meanwhile so that none of this reaches its parameters.
     */
    GeneratorPhase generatorPhase(NDArray x, NDArray y) {
        return generatorPhase(x, y, null);
    }

    /** As {@link #generatorPhase(NDArray, NDArray)}, the reconstruction error weighted per pixel (null: evenly). */
    GeneratorPhase generatorPhase(NDArray x, NDArray y, NDArray weights) {
        TrainableNetwork g = network(GENERATOR);
        TrainableNetwork d = network(DISCRIMINATOR);
        if (d != null) {
            d.freeze(true);
        }
        GanConfig.Losses losses = config.losses();
        try (GradientCollector collector = newCollector()) {
            NDArray fake = g.forward(x, true);
            NDArray recLoss = weights == null ? losses.reconstructionLoss().between(fake, y)
                    : losses.reconstructionLoss().between(fake, y, weights);
            NDArray loss = Scalars.times(recLoss, losses.reconstructionWeight());
            double adversarial = 0;
            if (d != null) {
                NDArray advLoss = losses.adversarialLoss().generator(d.forward(discriminatorInput(x, fake), true));
                loss = loss.add(Scalars.times(advLoss, losses.adversarialWeight()));
                adversarial = advLoss.getFloat();
            }
            collector.backward(loss);
            return new GeneratorPhase(fake, adversarial, recLoss.getFloat());
        } finally {
            if (d != null) {
                d.freeze(false);
            }
        }
    }

    /**
     * Records the discriminator's gradients on real pairs and on detached generated ones, so that none of this
     * reaches the generator.
     */
    DiscriminatorPhase discriminatorPhase(NDArray x, NDArray y, NDArray fake) {
        TrainableNetwork d = network(DISCRIMINATOR);
        AdversarialLoss loss = config.losses().adversarialLoss();
        try (GradientCollector collector = newCollector()) {
            NDArray real = loss.realTerm(d.forward(discriminatorInput(x, y), true));
            NDArray generated = loss.fakeTerm(d.forward(discriminatorInput(x, fake.stopGradient()), true));
            collector.backward(real.add(generated));
            return new DiscriminatorPhase(real.getFloat(), generated.getFloat());
        }
    }

    /** What the discriminator judges: the image, with the generator's input beside it when conditional. */
    private NDArray discriminatorInput(NDArray input, NDArray image) {
        if (!config.networks().conditional()) {
            return image;
        }
        return resized(input).concat(image, 1);
    }

    /** The input on the output grid (nearest upsampling for super-resolution). */
    private NDArray resized(NDArray input) {
        int scale = config.networks().generator().scale();
        return scale == 1 ? input : Layers.upsampleNearest(input, scale);
    }

    @Override
    protected ValidationResult evaluate() {
        TrainableNetwork g = network(GENERATOR);
        double error = 0;
        double baselineError = 0;
        long items = 0;
        Preview preview = null;
        int channels = config.networks().generator().outputChannels();
        long index = 0;
        for (PatchBatch batch : validation) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(batch.input(), batch.inputShape());
                NDArray y = scope.create(batch.target(), batch.targetShape());
                if (pairs != null) {
                    // Neighbour pairs: how well the first image of fixed pairs gives the second, against the
                    // first image itself.
                    NeighbourPairs.Pair pair = NeighbourPairs.draw(scope,
                            NeighbourPairs.planes(batch.targetShape()), Patches.random(config.seed(), index++));
                    x = pair.first(x);
                    y = pair.second(y);
                }
                NDArray out = g.forward(x, false);
                NDArray plain = resized(x).get(new NDIndex(":, 0:{}", channels));
                if (batch.lossWeights() == null) {
                    long n = batch.targetShape().get(0);
                    error += out.sub(y).square().mean().getFloat() * n;
                    baselineError += plain.sub(y).square().mean().getFloat() * n;
                    items += n;
                } else {
                    // Self-supervised: the only values the network could not copy are its blind spots; the
                    // baseline there is their replacement, the median of the neighbours.
                    NDArray w = scope.create(batch.lossWeights(), batch.targetShape());
                    error += out.sub(y).square().mul(w).sum().getFloat();
                    baselineError += plain.sub(y).square().mul(w).sum().getFloat();
                    items += (long) w.sum().getFloat();
                }
                if (preview == null) {
                    preview = new Preview(firstPlane(plain), firstPlane(out), firstPlane(y),
                            (int) y.getShape().get(3), (int) y.getShape().get(2));
                }
            }
        }
        return new ValidationResult(stepsDone(), psnr(error / items), psnr(baselineError / items), blurred(),
                preview);
    }

    /**
     * PSNR of the best Gaussian blur of the validation inputs, the sigma chosen on them: computed once (the patches
     * never change), for denoising with clean targets only.
     */
    private double blurred() {
        // NB: self-supervised validation has no clean targets, so no blur can be scored against them.
        if (config.task() != ModelTask.DENOISE || !Double.isNaN(blurred) || validation.isEmpty()
                || validation.get(0).lossWeights() != null || pairs != null) {
            return blurred;
        }
        int channels = config.networks().generator().outputChannels();
        double[] errors = new double[BLUR_SIGMAS.length];
        long items = 0;
        for (PatchBatch batch : validation) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(batch.input(), batch.inputShape()).get(new NDIndex(":, 0:{}", channels));
                NDArray y = scope.create(batch.target(), batch.targetShape());
                long n = batch.targetShape().get(0);
                for (int i = 0; i < BLUR_SIGMAS.length; i++) {
                    errors[i] += Layers.gaussianBlur(x, BLUR_SIGMAS[i]).sub(y).square().mean().getFloat() * n;
                }
                items += n;
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        for (double error : errors) {
            best = Math.max(best, psnr(error / items));
        }
        blurred = best;
        return blurred;
    }

    private static float[] firstPlane(NDArray nchw) {
        return nchw.get(new NDIndex("0, 0")).toFloatArray();
    }

    @Override
    protected String describeModel() {
        String generator = config.networks().generator().type();
        GanConfig.Losses losses = config.losses();
        if (pairs != null) {
            return "Generator (" + generator + ") trained self-supervised on noisy images alone (neighbour pairs "
                    + pairs.spec() + ", " + losses.reconstructionLoss().name() + " loss).";
        }
        if (BlindSpot.TYPE.equals(data.degradation().get("type"))) {
            return "Generator (" + generator + ") trained self-supervised on noisy images alone (blind-spot masking "
                    + data.degradation().get("masking") + ", " + losses.reconstructionLoss().name()
                    + " loss on the masked pixels).";
        }
        return config.networks().discriminator() == null
                ? "Generator (" + generator + ") trained on reconstruction alone."
                : "GAN with a " + generator + " generator and a " + (config.networks().discriminator().slices() > 0
                        ? "3D " : "") + "PatchGAN discriminator ("
                        + losses.adversarialLoss().name().toLowerCase(java.util.Locale.ROOT) + " loss, "
                        + losses.reconstructionLoss().name() + " weight " + losses.reconstructionWeight() + ").";
    }
}
