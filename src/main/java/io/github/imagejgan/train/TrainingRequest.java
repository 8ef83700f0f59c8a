package io.github.imagejgan.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import ai.djl.Device;
import io.github.imagejgan.degrade.Degradations;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.DiscriminatorNorm;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.PatchDiscriminatorSpec;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.nn.UNet3dSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.UserException;

/**
 * What a user asks for when training from folders, from the Train GAN dialog or the command line: turned here into
 * data, networks and settings, so that both front ends train the same way. Image channels come from the data.
 *
 * @param task                 what the model will do
 * @param name                 model name
 * @param layout               how the folders are organized
 * @param first                input folder, clean folder or domain A
 * @param second               target folder or domain B (null for {@link Layout#DEGRADED})
 * @param degradation          degradation specification for {@link Layout#DEGRADED} (see {@code Degradations}); for
 *                             {@link Layout#NOISY} the blind-spot masking (see {@link BlindSpot#parse}, null: the
 *                             default); for synthesis the kind of labels, {@value #INSTANCE_LABELS} or
 *                             {@value #CLASS_LABELS} (null: classes)
 * @param features             generator feature maps at full resolution
 * @param depth                U-Net depth
 * @param blocks               residual blocks (super-resolution)
 * @param scale                super-resolution factor
 * @param discriminatorFeatures PatchGAN feature maps of the first layer
 * @param adversarial          train with a discriminator (false: reconstruction loss only)
 * @param adversarialLoss      the adversarial objective (LSGAN, hinge or BCE)
 * @param reconstructionLoss   the reconstruction objective of paired training (L1 or SSIM)
 * @param adversarialWeight    weight of the adversarial loss
 * @param reconstructionWeight weight of the reconstruction loss
 * @param steps                training steps
 * @param patch                patch side (output side for super-resolution)
 * @param batch                patches per step
 * @param learningRate         Adam learning rate of all networks
 * @param seed                 seed of weights, split and patches
 * @param validationFraction   share of files held out for validation
 * @param sliceHalo            neighbouring slices on each side that the model sees (single-channel z-stacks,
 *                             denoising); 0 for single planes
 * @param volumetric           a volumetric network (3D convolutions over the slices, {@link UNet3dSpec}) rather
 *                             than the 2.5D one that takes the slices as channels; needs {@code sliceHalo} of 1 or
 *                             more
 * @param noiseMap             a denoiser or super-resolution network that also sees its input's noise map ({@link
 *                             io.github.imagejgan.nn.NetworkSpec#noiseMap()}), from single-channel planes, paired or
 *                             one folder plus a degradation
 * @param weightAverage        decay of the moving average of the generator's weights that is validated and becomes
 *                             the model (0: the run's own last weights; {@link GanConfig.Optimizer#weightAverage})
 */
public record TrainingRequest(ModelTask task, String name, Layout layout, Path first, Path second,
        String degradation, int features, int depth, int blocks, int scale, int discriminatorFeatures,
        boolean adversarial, AdversarialLoss adversarialLoss, ReconstructionLoss reconstructionLoss,
        float adversarialWeight, float reconstructionWeight, long steps, int patch, int batch,
        float learningRate, long seed, double validationFraction, int sliceHalo, boolean volumetric,
        boolean noiseMap, float weightAverage) {

    /** Most neighbouring slices on each side a 2.5D model may see. */
    public static final int MAX_SLICE_HALO = 8;

    /**
     * The constant of a loss enum that a user named, in any case ("hinge", "SSIM").
     *
     * @throws IllegalArgumentException naming the choices, if there is no such constant
     */
    public static <E extends Enum<E>> E loss(Class<E> type, String name, String what) {
        String wanted = name == null ? "" : name.trim().replace('_', '-');
        for (E constant : type.getEnumConstants()) {
            if (lossName(constant).equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new UserException("Unknown " + what + " '" + name + "'; choose one of " + Arrays.stream(
                type.getEnumConstants()).map(TrainingRequest::lossName).collect(Collectors.joining(", ")) + ".");
    }

    /** How users write a loss: its constant in lower case with hyphens ({@code log-l1}). */
    public static String lossName(Enum<?> loss) {
        return loss.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** How the training folders are organized. */
    public enum Layout {
        /** Inputs and targets in two folders, matched by file name. */
        PAIRED,
        /** One folder of clean images; inputs made by a degradation. */
        DEGRADED,
        /** Two folders of unpaired images, domain A and domain B. */
        UNPAIRED,
        /** One folder of noisy images and nothing else: self-supervised denoising with blind spots. */
        NOISY
    }

    /**
     * @throws TrainingSettingsException if a setting is out of range or does not fit the others, naming the valid
     *                                   values
     */
    public TrainingRequest(ModelTask task, String name, Layout layout, Path first, Path second, String degradation,
            int features, int depth, int blocks, int scale, int discriminatorFeatures, boolean adversarial,
            AdversarialLoss adversarialLoss, ReconstructionLoss reconstructionLoss, float adversarialWeight,
            float reconstructionWeight, long steps, int patch, int batch, float learningRate, long seed,
            double validationFraction, int sliceHalo, boolean volumetric, boolean noiseMap, float weightAverage) {
        // NB: written out rather than compact, so that the rules see the finished record.
        this.task = task;
        this.name = name;
        this.layout = layout;
        this.first = first;
        this.second = second;
        this.degradation = degradation;
        this.features = features;
        this.depth = depth;
        this.blocks = blocks;
        this.scale = scale;
        this.discriminatorFeatures = discriminatorFeatures;
        this.adversarial = adversarial;
        this.adversarialLoss = adversarialLoss;
        this.reconstructionLoss = reconstructionLoss;
        this.adversarialWeight = adversarialWeight;
        this.reconstructionWeight = reconstructionWeight;
        this.steps = steps;
        this.patch = patch;
        this.batch = batch;
        this.learningRate = learningRate;
        this.seed = seed;
        this.validationFraction = validationFraction;
        this.sliceHalo = sliceHalo;
        this.volumetric = volumetric;
        this.noiseMap = noiseMap;
        this.weightAverage = weightAverage;
        TrainingRequestRules.check(this);
    }

    /** A request with the default weight average. */
    public TrainingRequest(ModelTask task, String name, Layout layout, Path first, Path second, String degradation,
            int features, int depth, int blocks, int scale, int discriminatorFeatures, boolean adversarial,
            AdversarialLoss adversarialLoss, ReconstructionLoss reconstructionLoss, float adversarialWeight,
            float reconstructionWeight, long steps, int patch, int batch, float learningRate, long seed,
            double validationFraction, int sliceHalo, boolean volumetric, boolean noiseMap) {
        this(task, name, layout, first, second, degradation, features, depth, blocks, scale, discriminatorFeatures,
                adversarial, adversarialLoss, reconstructionLoss, adversarialWeight, reconstructionWeight, steps,
                patch, batch, learningRate, seed, validationFraction, sliceHalo, volumetric, noiseMap,
                TrainingDefaults.WEIGHT_AVERAGE);
    }

    /** Synthesis from instance labels (each object its own id). */
    public static final String INSTANCE_LABELS = "instances";

    /** Synthesis from class labels (each id a class). */
    public static final String CLASS_LABELS = "classes";

    /** Whether a synthesis request's labels are instance ids. */
    public boolean instanceLabels() {
        return task == ModelTask.SYNTHESIS && INSTANCE_LABELS.equalsIgnoreCase(degradation);
    }

    /** A request for a model of single planes. */
    public TrainingRequest(ModelTask task, String name, Layout layout, Path first, Path second, String degradation,
            int features, int depth, int blocks, int scale, int discriminatorFeatures, boolean adversarial,
            AdversarialLoss adversarialLoss, ReconstructionLoss reconstructionLoss, float adversarialWeight,
            float reconstructionWeight, long steps, int patch, int batch, float learningRate, long seed,
            double validationFraction) {
        this(task, name, layout, first, second, degradation, features, depth, blocks, scale, discriminatorFeatures,
                adversarial, adversarialLoss, reconstructionLoss, adversarialWeight, reconstructionWeight, steps,
                patch, batch, learningRate, seed, validationFraction, 0, false, false);
    }

    /** Smallest patch the discriminator's strided layers can judge. */
    public static final int MIN_PATCH = 32;

    /** Opens the folders and prepares training and validation patches. */
    public TrainingData data() {
        TrainingData.Sampling sampling = sampling();
        return switch (layout) {
            case UNPAIRED -> TrainingData.unpaired(first, second, sampling);
            case DEGRADED -> data(TrainingFolder.open(first, PercentileNormalizer.DEFAULT));
            case PAIRED -> task == ModelTask.SYNTHESIS ? TrainingData.synthesis(first, second, instanceLabels(),
                    sampling) : withNoiseMap(TrainingData.paired(folder(first), folder(second),
                            task == ModelTask.SUPER_RESOLUTION ? scale : 1, sampling));
            case NOISY -> noisyData(TrainingFolder.open(first, PercentileNormalizer.DEFAULT));
        };
    }

    /** The images of a folder, each slice with its neighbours when the model sees them. */
    private TrainingFolder folder(Path path) {
        return withSliceContext(TrainingFolder.open(path, PercentileNormalizer.DEFAULT));
    }

    private TrainingFolder withSliceContext(TrainingFolder images) {
        return sliceHalo == 0 ? images : images.withSliceContext(sliceHalo);
    }

    /**
     * Training and validation patches from images already opened (a list of files, an open image): noisy images
     * for self-supervised training, clean ones for a degradation.
     *
     * @throws TrainingSettingsException for layouts that need two sets of images
     */
    public TrainingData data(TrainingFolder images) {
        return switch (layout) {
            case NOISY -> noisyData(images);
            case DEGRADED -> withNoiseMap(degradedData(images));
            case PAIRED, UNPAIRED -> throw new TrainingSettingsException("Training on " + layout.name().toLowerCase(
                    Locale.ROOT) + " images needs two folders.");
        };
    }

    /** Patches of clean images and their degradation; with an axial blur, from windows wide enough for it. */
    private TrainingData degradedData(TrainingFolder images) {
        AxialBlurWindow.Split split = AxialBlurWindow.split(degradation);
        PatchDegradation planes = PatchDegradation.of(Degradations.parse(split.planes()), patch);
        if (split.sigma() == 0) {
            return TrainingData.degraded(withSliceContext(images), planes, sampling());
        }
        AxialBlurWindow blur = new AxialBlurWindow(split.sigma(), sliceHalo, planes);
        return TrainingData.degraded(images.withSliceContext(blur.dataHalo()), blur, sampling());
    }

    /** The data with each input's noise map, for a network that takes one; else as it is. */
    private TrainingData withNoiseMap(TrainingData data) {
        return noiseMap ? data.withNoiseMap() : data;
    }

    private TrainingData.Sampling sampling() {
        return new TrainingData.Sampling(patch, batch, validationFraction, 4, seed);
    }

    /** Self-supervised patches from noisy images already opened (a folder, a list of files, an open image). */
    public TrainingData noisyData(TrainingFolder images) {
        return TrainingData.noisy(withSliceContext(images), SelfSupervision.parse(degradation), sampling());
    }

    /** The generator for images with {@code channels} channels (synthesis: from labels of two classes). */
    public NetworkSpec generator(int channels) {
        return generator(channels, 2);
    }

    /** The generator for images with {@code channels} channels, synthesized from labels of {@code classes}. */
    public NetworkSpec generator(int channels, int classes) {
        return switch (task) {
            // NB: a blind-spot network must not pass its input through: at prediction each pixel's own noisy value
            // would be added back to what the network learned from its neighbours. A 2.5D network sees its slice's
            // neighbours as further channels, and adds its correction to the slice itself, its first channel.
            case DENOISE, STYLE, ISOTROPIC -> volumetric ? new UNet3dSpec(sliceHalo, depth, features,
                    passesInput()) : new UNetSpec(channels * (2 * sliceHalo + 1) + (noiseMap ? 1 : 0), channels,
                    depth, features, passesInput(), false, false, noiseMap);
            case SUPER_RESOLUTION -> new ResidualSrSpec(channels, features, blocks, scale, ResidualSrSpec.BICUBIC,
                    noiseMap);
            case INPAINT -> new InpaintingSpec(channels, depth, features);
            case SYNTHESIS -> new SpadeSpec(classes, instanceLabels(), channels, features, depth);
        };
    }

    /** Whether the denoiser adds its output to its input: not with blind spots (above). */
    private boolean passesInput() {
        return layout != Layout.NOISY || SelfSupervision.parse(degradation) instanceof NeighbourPairs;
    }

    /** The full training settings for this data. */
    public GanConfig config(TrainingData data) {
        return config(data.training().inputChannels(), data.training().targetChannels(),
                data.training() instanceof SynthesisPatches s ? s.classes() : 2);
    }

    GanConfig config(int inputChannels, int targetChannels) {
        return config(inputChannels, targetChannels, 2);
    }

    /**
     * The settings for data of these channels (and label classes, for synthesis). Synthesis keeps SPADE's
     * discriminator learning four times as fast as its generator.
     */
    GanConfig config(int inputChannels, int targetChannels, int classes) {
        NetworkSpec generator = generator(targetChannels, classes);
        if (generator instanceof SpadeSpec spade) {
            return GanConfig.spade(name, spade, discriminatorFeatures, steps).withWeights(adversarialWeight,
                    reconstructionWeight).withReconstruction(reconstructionLoss).withRates(learningRate,
                            4 * learningRate).withSeed(seed).withWeightAverage(weightAverage);
        }
        GanConfig config;
        if (task == ModelTask.STYLE) {
            config = GanConfig.cycleGan(name, generator, steps).withDiscriminator(new PatchDiscriminatorSpec(
                    generator.outputChannels(), discriminatorFeatures, 3, DiscriminatorNorm.SPECTRAL),
                    adversarialLoss);
        } else {
            // A volumetric generator gets the 3D PatchGAN, which judges its slice in the volume of the window.
            PatchDiscriminatorSpec d = adversarial ? new PatchDiscriminatorSpec(inputChannels
                    + generator.outputChannels(), discriminatorFeatures, 3, DiscriminatorNorm.SPECTRAL,
                    generator instanceof UNet3dSpec ? inputChannels : 0) : null;
            config = GanConfig.pix2pix(name, task, generator, steps).withDiscriminator(d, adversarialLoss)
                    .withReconstruction(reconstructionLoss).withWeights(adversarialWeight, reconstructionWeight);
        }
        return config.withRates(learningRate, learningRate).withSeed(seed).withSliceHalo(sliceHalo)
                .withWeightAverage(weightAverage);
    }

    /**
     * Checks that this request continues {@code checkpoint} (best before reading any data): the same settings, and
     * at least the steps it has done.
     *
     * @throws TrainingSettingsException naming what differs
     */
    public void requireContinues(Checkpoint checkpoint) {
        NetworkSpec saved = checkpoint.config().networks().generator();
        RunSettings.of(checkpoint.config()).requireSame(RunSettings.of(config(saved.inputChannels(),
                saved.outputChannels(), saved instanceof SpadeSpec spade ? spade.classes() : 2)), checkpoint.file());
        checkpoint.continuedTo(steps);
    }

    /**
     * A trainer for this request, new or continuing {@code resume} (checked with {@link #requireContinues}; null
     * for a new run) up to this request's number of steps.
     */
    public AdversarialTrainer trainer(TrainingData data, Device device, Checkpoint resume) {
        return trainer(data, device, resume, null);
    }

    /**
     * As {@link #trainer(TrainingData, Device, Checkpoint)}; a new run's generator starts from {@code start} (checked
     * with {@link StartingWeights#requireFits}; null: random weights). Denoising, super-resolution, inpainting and
     * isotropic restoration only.
     */
    public AdversarialTrainer trainer(TrainingData data, Device device, Checkpoint resume, StartingWeights start) {
        if (start != null && (task == ModelTask.SYNTHESIS || task == ModelTask.STYLE)) {
            throw new TrainingSettingsException("Starting from a model's weights is for denoising, super-resolution, "
                    + "inpainting and isotropic restoration, not " + task.id() + ".");
        }
        if (task == ModelTask.SYNTHESIS) {
            return resume == null ? SpadeTrainer.create(config(data), data.training(), data.validation(), device)
                    : SpadeTrainer.resume(resume, data.training(), data.validation(), device, steps);
        }
        if (task == ModelTask.STYLE) {
            return resume == null ? CycleGanTrainer.create(config(data), data.training(), data.validation(), device)
                    : CycleGanTrainer.resume(resume, data.training(), data.validation(), device, steps);
        }
        return resume == null ? PairedGanTrainer.create(config(data), data.training(), data.validation(), device,
                start) : PairedGanTrainer.resume(resume, data.training(), data.validation(), device, steps);
    }
}
