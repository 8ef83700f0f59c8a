package io.github.imagejgan.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.LabelMaps;
import io.github.imagejgan.nn.MultiScaleDiscriminator;
import io.github.imagejgan.nn.MultiScaleDiscriminatorSpec;
import io.github.imagejgan.nn.Scalars;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.train.ValidationResult.Preview;

/**
 * Label-to-image training with SPADE (GauGAN): the generator turns label patches plus noise into images; a
 * PatchGAN at two scales sees each image beside its label map. The generator minimizes the hinge loss plus
 * {@value #FEATURE_MATCHING_WEIGHT} times the feature-matching loss (the discriminator's features of its images
 * against those of the real ones), plus the configured weight times L1 to the real image (0 by default: a label
 * map has many right images, and L1 pulls towards their blurred mean).
 */
public final class SpadeTrainer extends AdversarialTrainer {

    static final String GENERATOR = "G";
    static final String DISCRIMINATOR = "D";

    /** Weight of feature matching in the generator's loss, as in pix2pixHD and SPADE. */
    static final float FEATURE_MATCHING_WEIGHT = 10f;

    /** Scales of the discriminator: the image and a copy at half resolution. */
    static final int SCALES = 2;

    private final SpadeSpec generatorSpec;
    private final MultiScaleDiscriminatorSpec discriminatorSpec;

    private SpadeTrainer(GanConfig config, PatchSource data, List<PatchBatch> validation, Device device,
            Checkpoint resumeFrom) {
        super(config, roles(config), data, validation, device, resumeFrom);
        this.generatorSpec = (SpadeSpec) config.networks().generator();
        this.discriminatorSpec = discriminator(config);
        if (data.inputChannels() != 2 || data.targetChannels() != generatorSpec.outputChannels()) {
            close();
            throw new TrainingDataException("The data has " + data.targetChannels() + " image channels; the "
                    + "generator makes " + generatorSpec.outputChannels() + ".");
        }
    }

    private static List<Role> roles(GanConfig config) {
        if (!(config.networks().generator() instanceof SpadeSpec)) {
            throw new TrainingSettingsException("Synthesis trains a SPADE generator, not "
                    + config.networks().generator().type() + ".");
        }
        if (config.networks().discriminator() == null) {
            throw new TrainingSettingsException("Synthesis learns from its discriminator alone: it needs one.");
        }
        return List.of(new Role(GENERATOR, config.networks().generator()), new Role(DISCRIMINATOR,
                discriminator(config)));
    }

    private static MultiScaleDiscriminatorSpec discriminator(GanConfig config) {
        return new MultiScaleDiscriminatorSpec(config.networks().discriminator(), SCALES);
    }

    /** A new run with fresh weights from the config's seed. */
    public static SpadeTrainer create(GanConfig config, PatchSource data, List<PatchBatch> validation,
            Device device) {
        return new SpadeTrainer(config, data, validation, device, null);
    }

    /** Continues the run saved in {@code checkpoint} (its settings included) on the same data. */
    public static SpadeTrainer resume(Path checkpoint, PatchSource data, List<PatchBatch> validation, Device device)
            throws IOException {
        return resume(Checkpoint.open(checkpoint), data, validation, device, 0);
    }

    /**
     * Continues an opened checkpoint up to {@code totalSteps} steps (0: the planned number).
     *
     * @throws TrainingSettingsException if the checkpoint has done more steps than that
     */
    public static SpadeTrainer resume(Checkpoint checkpoint, PatchSource data, List<PatchBatch> validation,
            Device device, long totalSteps) {
        return new SpadeTrainer(checkpoint.continuedTo(totalSteps), data, validation, device, checkpoint);
    }

    @Override
    protected StepLosses trainStep(PatchBatch batch, NDManager scope, float generatorRate, float discriminatorRate) {
        NDArray x = scope.create(batch.input(), batch.inputShape());
        NDArray real = scope.create(batch.target(), batch.targetShape());
        NDArray map = LabelMaps.encode(generatorSpec, x.get(new NDIndex(":, 0:1")));
        TrainableNetwork g = network(GENERATOR);
        TrainableNetwork d = network(DISCRIMINATOR);
        GanConfig.Losses losses = config.losses();
        NDArray fake;
        double adversarial;
        double matching;
        d.freeze(true);
        try (GradientCollector collector = newCollector()) {
            fake = g.forward(x, true);
            NDList judgedFake = d.forwardAll(map.concat(fake, 1), true);
            NDList judgedReal = d.forwardAll(map.concat(real, 1), true);
            NDArray advLoss = meanOverScales(MultiScaleDiscriminator.scores(discriminatorSpec, judgedFake),
                    losses.adversarialLoss()::generator);
            NDArray fmLoss = MultiScaleDiscriminator.featureMatching(MultiScaleDiscriminator.features(
                    discriminatorSpec, judgedReal), MultiScaleDiscriminator.features(discriminatorSpec, judgedFake));
            NDArray loss = Scalars.times(advLoss, losses.adversarialWeight()).add(Scalars.times(fmLoss,
                    FEATURE_MATCHING_WEIGHT));
            if (losses.reconstructionWeight() > 0) {
                loss = loss.add(Scalars.times(losses.reconstructionLoss().between(fake, real),
                        losses.reconstructionWeight()));
            }
            collector.backward(loss);
            adversarial = advLoss.getFloat();
            matching = fmLoss.getFloat();
        } finally {
            d.freeze(false);
        }
        g.update(generatorRate, scope);
        AdversarialLoss objective = losses.adversarialLoss();
        try (GradientCollector collector = newCollector()) {
            NDArray realTerm = meanOverScales(MultiScaleDiscriminator.scores(discriminatorSpec, d.forwardAll(
                    map.concat(real, 1), true)), objective::realTerm);
            NDArray fakeTerm = meanOverScales(MultiScaleDiscriminator.scores(discriminatorSpec, d.forwardAll(
                    map.concat(fake.stopGradient(), 1), true)), objective::fakeTerm);
            collector.backward(realTerm.add(fakeTerm));
            d.update(discriminatorRate, scope);
            return new StepLosses(adversarial, matching, realTerm.getFloat(), fakeTerm.getFloat());
        }
    }

    private static NDArray meanOverScales(List<NDArray> scores, UnaryOperator<NDArray> term) {
        NDArray sum = null;
        for (NDArray s : scores) {
            NDArray t = term.apply(s);
            sum = sum == null ? t : sum.add(t);
        }
        return Scalars.times(sum, 1.0 / scores.size());
    }

    /**
     * PSNR of images generated from the held-out labels (with their batches' noise) against the real ones: a
     * rough sign of progress only, since a label map has many right images; it never ranks models.
     */
    @Override
    protected ValidationResult evaluate() {
        TrainableNetwork g = network(GENERATOR);
        double error = 0;
        long items = 0;
        Preview preview = null;
        for (PatchBatch batch : validation) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(batch.input(), batch.inputShape());
                NDArray y = scope.create(batch.target(), batch.targetShape());
                NDArray out = g.forward(x, false);
                long n = batch.targetShape().get(0);
                error += out.sub(y).square().mean().getFloat() * n;
                items += n;
                if (preview == null) {
                    // Label ids shown from 0 (background) to 1 (the last class).
                    float[] labels = x.get(new NDIndex("0, 0")).toFloatArray();
                    for (int i = 0; i < labels.length; i++) {
                        labels[i] /= generatorSpec.classes() - 1;
                    }
                    preview = new Preview(labels, out.get(new NDIndex("0, 0")).toFloatArray(), y.get(
                            new NDIndex("0, 0")).toFloatArray(), (int) y.getShape().get(3), (int) y.getShape().get(2));
                }
            }
        }
        return new ValidationResult(stepsDone(), psnr(error / items), Double.NaN, Double.NaN, preview);
    }

    @Override
    protected boolean validationRanksModels() {
        return false;
    }

    @Override
    protected String describeModel() {
        GanConfig.Losses losses = config.losses();
        return "SPADE generator from " + (generatorSpec.instances() ? "instance" : generatorSpec.classes() + "-class")
                + " labels and noise, trained against a " + SCALES + "-scale PatchGAN ("
                + losses.adversarialLoss().name().toLowerCase(Locale.ROOT) + " loss, feature matching weight "
                + FEATURE_MATCHING_WEIGHT + (losses.reconstructionWeight() > 0 ? ", " + losses.reconstructionLoss()
                        .name() + " weight " + losses.reconstructionWeight() : "") + ").";
    }
}
