package io.github.imagejgan.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.task.UserException;
import io.github.imagejgan.train.AdversarialTrainer;
import io.github.imagejgan.train.Checkpoint;
import io.github.imagejgan.train.GeneratorShape;
import io.github.imagejgan.train.StartingWeights;
import io.github.imagejgan.train.TrainingData;
import io.github.imagejgan.train.TrainingDefaults;
import io.github.imagejgan.train.TrainingLog;
import io.github.imagejgan.train.TrainingOutputs;
import io.github.imagejgan.train.TrainingRequest;
import io.github.imagejgan.train.TrainingResult;
import io.github.imagejgan.train.TrainingSettingsException;

/**
 * Plugins › GAN › Train GAN…: trains a model on the user's folders of images. Choosing the task and the folders is
 * enough; the presets set the network size. With a display, a window shows losses, validation PSNR, a preview and
 * the time left, and stops (saving) on request; headless, progress goes to the log. The best model is registered
 * as a user model.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Train GAN...", headless = true,
        description = "Train a GAN on folders of images")
public class TrainGanCommand extends ContextCommand {

    static final String PAIRED = "Paired folders (input + target, or labels + images; same file names)";
    static final String DEGRADED = "One folder of clean images + synthetic degradation";
    static final String UNPAIRED = "Unpaired folders (domain A + domain B)";
    static final String NOISY = "Noisy images only (self-supervised denoising)";

    static final String DEFAULT_DEGRADATION = "poisson-gaussian:readNoise=2,photonsPerUnit=0.2";

    static final String FAST = "Fast (small network)";
    static final String STANDARD = "Standard";
    static final String LARGE = "Large";

    @Parameter(label = "Task", choices = { "denoise", "super-resolution", "inpaint", "style", "synthesis" },
            description = "synthesis: label images to realistic images (SPADE), from paired folders of label images "
                    + "and their images; always against a discriminator (hinge loss, feature matching)")
    private String task = "denoise";

    @Parameter(label = "Training data", choices = { PAIRED, DEGRADED, UNPAIRED, NOISY },
            description = "Noisy images only: the network learns from blind spots (Noise2Void), without a GAN and "
                    + "with the l2 loss; it assumes noise independent from pixel to pixel (see the degradation field "
                    + "for noise correlated along x or y)")
    private String layout = PAIRED;

    @Parameter(label = "Input / labels / clean / domain A / noisy folder", style = "directory")
    private File firstFolder;

    @Parameter(label = "Target / images / domain B folder", style = "directory", required = false)
    private File secondFolder;

    @Parameter(label = "Degradation (one folder) / blind spots (noisy)", required = false,
            description = "One folder: e.g. poisson-gaussian:readNoise=2,photonsPerUnit=0.2 | gaussian:sigma=20 | "
                    + "blur-downsample:factor=2 | mask:shape=strokes | defocus:sigma=2 | psf:shape=airy,size=3 + "
                    + "blur-downsample:factor=2 (join steps with +); for "
                    + "z-stacks seen with their neighbouring slices, a first step zblur:sigma=2 blurs along z (3D PSF). "
                    + "Noisy images only: fraction=0.05 (share of pixels masked), plus struct=x:2 or struct=y:2 "
                    + "where the noise is correlated along rows or columns (structN2V), or pairs for neighbour pairs "
                    + "(Neighbor2Neighbor) instead of blind spots; empty: the default")
    private String degradation = DEFAULT_DEGRADATION;

    @Parameter(label = "Slices seen (z-stacks, denoise)", min = "1", max = "17", stepSize = "2", persist = false,
            description = "1: every slice alone. 3, 5, ...: each slice of single-channel z-stacks is denoised from "
                    + "itself and its neighbours (2.5D), which carry most of the signal at low light; the model then "
                    + "restores stacks only. Not remembered between runs, so that a later training of single images is "
                    + "not quietly made 2.5D")
    private int slices = 1;

    @Parameter(label = "3D network (slices seen 3 or more)", persist = false,
            description = "On: a volumetric U-Net with 3D convolutions over the slices seen (and a 3D PatchGAN "
                    + "when the GAN is on) instead of the 2.5D one that takes them as channels. Up to 2 x depth + 3 "
                    + "slices. Not remembered between runs, like the slices")
    private boolean volumetric = false;

    @Parameter(label = "Noise map input (denoise, super-resolution)", persist = false,
            description = "On: the network also sees the noise level that the plugin estimates from each whole "
                    + "image, so that it need not guess it from each pixel's surroundings (single planes; paired "
                    + "folders or one folder + degradation). On by itself when the model to start from has one")
    private boolean noiseMap = false;

    @Parameter(label = "Instance labels (synthesis)", persist = false,
            description = "On: each object has its own id, and the network sees foreground and the objects' "
                    + "boundaries. Off: each id is a class (at most 256). Not remembered between runs, like the "
                    + "slices")
    private boolean instanceLabels = false;

    @Parameter(label = "Network size", choices = { FAST, STANDARD, LARGE })
    private String preset = STANDARD;

    @Parameter(label = "Super-resolution factor", choices = { "2", "4" })
    private String scale = String.valueOf(TrainingDefaults.SCALE);

    @Parameter(label = "Training steps", min = "1")
    private int steps = (int) TrainingDefaults.STEPS;

    @Parameter(label = "Patch size (0 = preset)", min = "0")
    private int patch = 0;

    @Parameter(label = "Batch size (0 = preset)", min = "0")
    private int batch = 0;

    @Parameter(label = "Learning rate")
    private double learningRate = TrainingDefaults.LEARNING_RATE;

    @Parameter(label = "Weight average (0 = off)", min = "0", max = "0.9999", stepSize = "0.001",
            description = "0.999: the model written is the moving average of the generator's weights over about the "
                    + "last thousand steps (1 / (1 - value)) instead of the weights of one step, which scatter around "
                    + "where the training is heading. Also what validation scores")
    private double weightAverage = TrainingDefaults.WEIGHT_AVERAGE;

    @Parameter(label = "Random seed")
    private long seed = TrainingDefaults.SEED;

    @Parameter(label = "Validation fraction", min = "0", max = "0.9")
    private double validation = TrainingDefaults.VALIDATION_FRACTION;

    @Parameter(label = "Adversarial training (GAN)", description = "Off (the default for restoration): the generator "
            + "learns the reconstruction loss only, which trains faster and measured as well on PSNR; on: a PatchGAN "
            + "judges its outputs too (style transfer always has one)")
    private boolean adversarial = TrainingDefaults.ADVERSARIAL;

    @Parameter(label = "Adversarial loss", choices = { "lsgan", "hinge", "bce" },
            description = "lsgan: least squares, the stable default; hinge; bce: the original non-saturating GAN loss")
    private String adversarialLoss = TrainingRequest.lossName(TrainingDefaults.ADVERSARIAL_LOSS);

    @Parameter(label = "Reconstruction loss", choices = { "l1", "l2", "ssim", "log-l1", "log-l2" },
            description = "Paired training: l1 keeps intensities; l2 (squared error) the mean; ssim (1 - SSIM) "
                    + "favours structure and contrast; log-l1 (the log of each patch's L1) weighs patches a "
                    + "classical method restores well as much as hard ones; log-l2 (the log of each patch's "
                    + "squared error) is the mean PSNR of the patches itself. Noisy images only always use l2")
    private String reconstructionLoss = TrainingRequest.lossName(TrainingDefaults.RECONSTRUCTION_LOSS);

    @Parameter(label = "Model name")
    private String name = "my-model";

    @Parameter(label = "Folder for checkpoints", style = "directory", required = false,
            description = "Empty: a folder next to the user models")
    private File workFolder;

    @Parameter(label = "Resume from checkpoint", required = false, style = "extensions:zip")
    private File resume;

    @Parameter(label = "Start from model (name or .zip)", required = false, description = "Fine-tuning: the new "
            + "network starts from this model's weights, with its network (the network size is ignored), e.g. "
            + "denoise-general. Empty: random weights. Denoise, super-resolution and inpaint")
    private String startModel = "";

    @Parameter(label = "Device", description = "auto (GPU if present), cpu, gpu or gpu:N")
    private String device = "auto";

    @Parameter(type = ItemIO.OUTPUT)
    private String model;

    @Parameter
    private LogService log;

    @Override
    public void run() {
        try {
            model = train();
        } catch (IOException | RuntimeException e) {
            CommandFailure.cancel(this, log, e);
        }
    }

    private String train() throws IOException {
        ModelTask chosenTask = ModelTask.fromId(task);
        TrainingDefaults.Preset size = switch (preset) {
            case FAST -> TrainingDefaults.Preset.FAST;
            case LARGE -> TrainingDefaults.Preset.LARGE;
            default -> TrainingDefaults.Preset.STANDARD;
        };
        boolean noisy = layout() == TrainingRequest.Layout.NOISY;
        boolean synthesis = chosenTask == ModelTask.SYNTHESIS;
        if (noisy && adversarial) {
            log.info("imagej-gan: self-supervised training has no adversarial term; the GAN is off for this run");
        }
        if (synthesis && !adversarial) {
            log.info("imagej-gan: synthesis learns from its discriminator alone; the GAN is on for this run");
        }
        // NB: synthesis takes SPADE's own losses, as the command line does: hinge and feature matching, no
        // reconstruction term, which would pull every sample towards one average image.
        StartingWeights start = start();
        if (start != null && resume != null) {
            throw new TrainingSettingsException("Give a checkpoint to resume or a model to start from, not both: a "
                    + "resumed run continues its checkpoint's weights.");
        }
        GeneratorShape shape = start == null ? GeneratorShape.NONE : start.shape();
        TrainingRequest request = new TrainingRequest(chosenTask, name, layout(), path(firstFolder), path(
                secondFolder), inputs(noisy, synthesis), shape.or(GeneratorShape::features, size.features()), shape.or(
                        GeneratorShape::depth, TrainingDefaults.DEPTH), shape.or(GeneratorShape::blocks,
                                TrainingDefaults.BLOCKS), shape.or(GeneratorShape::scale, Integer.parseInt(scale)),
                size.discriminatorFeatures(), synthesis
                        || adversarial && !noisy, synthesis ? AdversarialLoss.HINGE : TrainingRequest.loss(
                                AdversarialLoss.class, adversarialLoss, "adversarial loss"), noisy
                                        ? TrainingDefaults.SELF_SUPERVISED_LOSS : TrainingRequest.loss(
                                                ReconstructionLoss.class, reconstructionLoss, "reconstruction loss"),
                TrainingDefaults.ADVERSARIAL_WEIGHT, synthesis ? 0f : TrainingDefaults.RECONSTRUCTION_WEIGHT, steps,
                patch > 0 ? patch : size.patch(), batch > 0 ? batch : size.batch(), (float) learningRate, seed,
                validation, sliceHalo(), volumetric, noiseMap || shape.noiseMap(), (float) weightAverage);
        Checkpoint checkpoint = resume == null ? null : Checkpoint.open(resume.toPath());
        if (checkpoint != null) {
            request.requireContinues(checkpoint);
        }
        DeviceChoice chosen = DeviceSelector.select(device);
        log.info("imagej-gan: training '" + name + "' on " + chosen.description());
        ModelRegistry registry = ModelRegistry.standard();
        Path work = workFolder != null ? workFolder.toPath() : registry.userFolder().resolveSibling("training")
                .resolve(name);
        Path exported = work.resolve(name + ".zip");
        TrainingOutputs outputs = TrainingOutputs.prepare(work, name, exported, registry.userFolder().resolve(name
                + ".zip"));
        TrainingData data = request.data();
        data.warnings().forEach(log::warn);
        if (start != null) {
            start.fitting(request, data, m -> log.info("imagej-gan: " + m));
        }
        TrainingResult result;
        ModelEntry entry;
        try (TrainingProgress progress = new TrainingProgress(name, log::info);
                AdversarialTrainer trainer = request.trainer(data, chosen.device(), checkpoint, start)) {
            try {
                result = trainer.run(work, progress.listener(), progress.monitor());
                ModelPackage.exportModel(result.best(), exported, d -> d);
                entry = registry.importPackage(exported, name, true);
            } catch (IOException | RuntimeException e) {
                throw outputs.failure(e);
            }
        }
        log.info(String.format(Locale.ROOT, "imagej-gan: %s '%s' after %d steps (%s); best validation %.2f dB; "
                + "model %s; checkpoint to resume %s", result.cancelled() ? "stopped" : "trained", name,
                result.steps(), TrainingLog.eta(result.seconds()), result.bestPsnr(), entry.file(), result.last()));
        return entry.file().toString();
    }

    /** The model the dialog names to start from; null for random weights. */
    private StartingWeights start() throws IOException {
        return startModel == null || startModel.isBlank() ? null : StartingWeights.named(startModel.strip(), false);
    }

    /** The request's input setting: the kind of labels (synthesis), blind spots (noisy) or the degradation. */
    private String inputs(boolean noisy, boolean synthesis) {
        if (synthesis) {
            return instanceLabels ? TrainingRequest.INSTANCE_LABELS : TrainingRequest.CLASS_LABELS;
        }
        return noisy && DEFAULT_DEGRADATION.equals(degradation) ? null : degradation;
    }

    /** Neighbours on each side from the number of slices seen, which must be odd. */
    private int sliceHalo() {
        if (slices < 1 || slices % 2 == 0) {
            throw new TrainingSettingsException("Slices seen must be odd (1, 3, 5, ...): the slice restored and as "
                    + "many neighbours above as below; got " + slices + ".");
        }
        return (slices - 1) / 2;
    }

    private TrainingRequest.Layout layout() {
        return switch (layout) {
            case DEGRADED -> TrainingRequest.Layout.DEGRADED;
            case UNPAIRED -> TrainingRequest.Layout.UNPAIRED;
            case NOISY -> TrainingRequest.Layout.NOISY;
            default -> TrainingRequest.Layout.PAIRED;
        };
    }

    private static Path path(File file) {
        return file == null ? null : file.toPath();
    }
}
