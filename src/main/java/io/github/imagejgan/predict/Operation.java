package io.github.imagejgan.predict;

import java.io.IOException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.plugin.Duplicator;
import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.NativeMemorySetup;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * One run of Denoise, Super-Resolution, Inpaint or Style Transfer as users describe it (model name or file, output
 * type, tile size text, device, channel, preview, direction): the single place that turns those choices into a
 * prediction, shared by the Fiji commands, the ImageJ 1.x macro bridge and the command line.
 *
 * @param task       the operation
 * @param model      a model name, or the path of a .zip package
 * @param outputType 32-bit float or the input's type
 * @param tile       "auto" or a tile size in pixels (see {@link TileSizes#parse})
 * @param device     auto, cpu, gpu or gpu:N (checked here; whether that device exists, when opened)
 * @param channel    0 = every channel, N = only channel N (1-based) for single-channel models
 * @param preview    process only the displayed slice and frame
 * @param reverse    style transfer from domain B to A
 * @param ensemble   network passes per tile, averaged over flips (1, 4 or 8; see {@link PredictionOptions})
 * @param strength   denoising, super-resolution and inpainting: "auto" (fitted on each image) or the share 0 to 1
 *                   of the network's correction over the noisy image ({@link DenoiseStrength}), over bicubic
 *                   interpolation ({@link CorrectionStrength}) or over the classical fill of the holes
 *                   ({@link FillStrength}) that the result keeps
 * @param adaptation inpainting: steps of fitting the network to each image's own known pixels before it fills the
 *                   holes ({@link FillAdaptation}), 0 for the network as trained; other tasks ignore it
 */
public record Operation(ModelTask task, String model, OutputType outputType, String tile, String device,
        int channel, boolean preview, boolean reverse, int ensemble, String strength, int adaptation)
        implements Serializable {

    public Operation {
        if (model == null || model.isBlank()) {
            throw new UserException("Choose a model (a name from Manage Models, or a .zip file).");
        }
        if (channel < 0) {
            throw new UserException("Channel must be 0 (every channel) or a channel number, got "
                    + channel + ".");
        }
        // NB: checked here, when the choices are made, so that a batch fails once before any work instead of
        // once per image.
        TileSizes.parse(tile);
        DeviceSelector.requireValid(device);
        Ensemble.require(ensemble);
        CorrectionStrength.parse(strength);
        PredictionOptions.requireAdaptation(adaptation);
    }

    /** The default adaptation ({@link PredictionOptions#DEFAULT_ADAPTATION}). */
    public Operation(ModelTask task, String model, OutputType outputType, String tile, String device, int channel,
            boolean preview, boolean reverse, int ensemble, String strength) {
        this(task, model, outputType, tile, device, channel, preview, reverse, ensemble, strength,
                PredictionOptions.DEFAULT_ADAPTATION);
    }

    /** The fitted strength. */
    public Operation(ModelTask task, String model, OutputType outputType, String tile, String device, int channel,
            boolean preview, boolean reverse, int ensemble) {
        this(task, model, outputType, tile, device, channel, preview, reverse, ensemble, "auto");
    }

    /** One network pass per tile. */
    public Operation(ModelTask task, String model, OutputType outputType, String tile, String device, int channel,
            boolean preview, boolean reverse) {
        this(task, model, outputType, tile, device, channel, preview, reverse, 1);
    }

    /**
     * Runs the operation on {@code image}.
     *
     * @param masks makes the inpainting mask for the image actually processed (the plane, for a preview)
     * @param log   receives one line saying which model runs where
     */
    public ImagePlus run(ImagePlus image, Function<ImagePlus, InpaintMask> masks, TaskMonitor monitor,
            Consumer<String> log) throws IOException {
        if (image == null) {
            throw new UserException("No image: open an image first.");
        }
        try (Session session = open(log)) {
            return session.run(image, masks, monitor);
        }
    }

    /** The same operation with another model: a name, or the path of a .zip package. */
    public Operation withModel(String other) {
        return new Operation(task, other, outputType, tile, device, channel, preview, reverse, ensemble, strength,
                adaptation);
    }

    /** The same operation with {@code steps} of adaptation to each image (inpainting; 0 for none). */
    public Operation withAdaptation(int steps) {
        return new Operation(task, model, outputType, tile, device, channel, preview, reverse, ensemble, strength,
                steps);
    }

    /**
     * The options of a block-wise run ({@link BlockPredictor}): "auto" tiles take the model's own tile size rather
     * than one from the free memory, since every block of an image must be tiled alike and machines differ.
     */
    public PredictionOptions blockOptions() {
        return new PredictionOptions(outputType, TileSizes.parse(tile), 1, channel - 1, ensemble,
                CorrectionStrength.parse(strength), adaptation);
    }

    /** Loads the model once, for running it over many images (batch processing). */
    public Session open(Consumer<String> log) throws IOException {
        ModelRegistry registry = ModelRegistry.standard();
        ModelEntry entry = registry.find(model);
        if (!entry.name().equals(model) && entry.name().equals(ModelRegistry.replacementOf(model))) {
            log.accept("imagej-gan: '" + model + "' was a model of one noise level and synthetic content, retired; "
                    + "its name now runs '" + entry.name() + "', which restores real images better");
        }
        DeviceChoice chosen = DeviceSelector.select(device);
        log.accept("imagej-gan: " + task.id() + " with model '" + entry.name() + "' on " + chosen.description());
        NativeMemorySetup.advice(chosen.device().isGpu()).ifPresent(log);
        ModelPackage pkg = ModelPackage.open(entry.file());
        LoadedModel loaded = (reverse ? pkg.loadReverse(chosen.device()) : pkg.load(chosen.device())).requireTask(
                task);
        try {
            Optional<ModelEntry> spread = registry.spreadNoiseCompanion(entry).filter(
                    companion -> usableCompanion(entry, companion, log));
            return new Session(loaded, spread.isEmpty() ? null : ModelPackage.load(spread.get().file(),
                    chosen.device()), log);
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** Whether {@code companion} can stand in for {@code entry} on spread noise; a log line where it cannot. */
    private static boolean usableCompanion(ModelEntry entry, ModelEntry companion, Consumer<String> log) {
        if (Predictor.canStandIn(entry.descriptor(), companion.descriptor())) {
            return true;
        }
        log.accept("imagej-gan: '" + companion.name() + "' does not denoise the channels of '" + entry.name()
                + "' the same way; it is not used for noise spread over neighbouring pixels");
        return false;
    }

    /** How far a stack's slice spacing may be from the training stacks' before a warning: a factor of 1.5. */
    static final double SPACING_TOLERANCE = 1.5;

    /** Whether two slice spacings are within {@link #SPACING_TOLERANCE} of each other, either way. */
    static boolean withinTolerance(double spacing, double trained) {
        return spacing / trained <= SPACING_TOLERANCE && trained / spacing <= SPACING_TOLERANCE;
    }

    /**
     * A warning when a 2.5D model meets a stack whose slices lie much closer or farther apart (in pixel widths, from
     * the calibration) than those it learned from: its neighbours then look alike more or less than it expects.
     */
    static String spacingWarning(ModelDescriptor descriptor, ImagePlus image) {
        Double trained = descriptor.tiling().sliceSpacing();
        Calibration calibration = image.getCalibration();
        double spacing = ImagePlusImages.metadataOf(image).sliceSpacing();
        if (trained == null || image.getNSlices() < 2 || spacing == 0
                || withinTolerance(spacing, trained)) {
            return null;
        }
        return String.format(Locale.ROOT, "Warning: model '%s' learned from stacks whose slices are %.3g pixel "
                + "widths apart; the slices of %s are %.3g apart (voxel depth %.4g %s over width %.4g). Its results "
                + "may be less reliable; check the calibration (Image › Properties…) or train on stacks like this "
                + "one.", descriptor.name(), trained, image.getTitle(), spacing, calibration.pixelDepth,
                calibration.getUnit(), calibration.pixelWidth);
    }

    /** A loaded model ready to process images; close it to free its memory. */
    public final class Session implements AutoCloseable {

        private final LoadedModel loaded;
        /** The denoiser for noise spread over neighbouring pixels ({@link ModelRegistry#spreadNoiseCompanion}). */
        private final LoadedModel spreadNoise;
        private final Consumer<String> log;

        private Session(LoadedModel loaded, LoadedModel spreadNoise, Consumer<String> log) {
            this.loaded = loaded;
            this.spreadNoise = spreadNoise;
            this.log = log;
        }

        /** Processes one image into a new one; the input is never modified. */
        public ImagePlus run(ImagePlus image, Function<ImagePlus, InpaintMask> masks, TaskMonitor monitor) {
            if (loaded.descriptor().task() == ModelTask.ISOTROPIC) {
                return isotropic(image, monitor);
            }
            String warning = spacingWarning(loaded.descriptor(), image);
            if (warning != null) {
                log.accept("imagej-gan: " + warning);
            }
            int halo = preview ? loaded.descriptor().tiling().slices() / 2 : 0;
            ImagePlus input = preview ? currentPlanes(image, halo) : image;
            PredictionOptions options = TileSizes.options(loaded, tile, outputType, channel - 1, input.getWidth(),
                    input.getHeight()).withEnsemble(ensemble).withStrength(CorrectionStrength.parse(strength))
                    .withAdaptation(adaptation);
            InpaintMask mask = task == ModelTask.INPAINT ? masks.apply(input) : null;
            ImagePlus out = new Predictor(loaded).withSpreadNoise(spreadNoise).predict(input, mask, options, monitor);
            if (preview) {
                // A 2.5D model saw the displayed slice with its neighbours; the preview shows that slice alone.
                int shown = image.getZ() - Math.max(1, image.getZ() - halo) + 1;
                String title = out.getTitle();
                out = halo == 0 ? out : new Duplicator().run(out, 1, out.getNChannels(), shown, shown, 1, 1);
                out.setTitle(title + " (preview)");
            }
            return out;
        }

        /** The whole stack made isotropic; its XZ and YZ views are the planes the network sees. */
        private ImagePlus isotropic(ImagePlus image, TaskMonitor monitor) {
            if (preview) {
                throw new UserException("Isotropic restoration has no preview: it needs the whole stack. Turn the "
                        + "preview off.");
            }
            int factor = IsotropicRestoration.factorOf(loaded.descriptor());
            String warning = IsotropicRestoration.spacingWarning(loaded.descriptor(), image);
            if (warning != null) {
                log.accept("imagej-gan: " + warning);
            }
            // NB: tiles are sized for the views: as wide as the stack, as high as its isotropic depth.
            PredictionOptions options = TileSizes.options(loaded, tile, outputType, channel - 1, Math.max(
                    image.getWidth(), image.getHeight()), image.getNSlices() * factor).withEnsemble(ensemble);
            return new IsotropicRestoration(new Predictor(loaded), factor).run(image, options, monitor);
        }

        /** Runs the loaded model block by block over images too large for one machine. */
        public BlockPredictor blocks() {
            return new BlockPredictor(loaded);
        }

        @Override
        public void close() {
            loaded.close();
            if (spreadNoise != null) {
                spreadNoise.close();
            }
        }
    }

    /**
     * The displayed slice and frame, all channels: what a preview shows; with {@code halo} slices on each side (as far
     * as the stack goes) for a model that sees neighbouring slices.
     */
    private static ImagePlus currentPlanes(ImagePlus imp, int halo) {
        int z = imp.getZ();
        int t = imp.getT();
        ImagePlus plane = new Duplicator().run(imp, 1, imp.getNChannels(), Math.max(1, z - halo),
                Math.min(imp.getNSlices(), z + halo), t, t);
        plane.setTitle(imp.getTitle());
        plane.setRoi(imp.getRoi());
        return plane;
    }
}
