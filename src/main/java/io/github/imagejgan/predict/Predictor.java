package io.github.imagejgan.predict;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ij.ImagePlus;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImageMetadata;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.Mirror;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.TileFunction;
import io.github.imagejgan.image.TileSpec;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.image.UnsupportedImageException;
import io.github.imagejgan.image.ValueCalibration;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.nn.InpaintingGenerator;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

/**
 * Runs a loaded model over whole images: every slice and frame, tile by tile, normalized by the image's own
 * percentiles and mapped back to its intensities (or processed as an imported model declares, see
 * {@link io.github.imagejgan.model.DeclaredProcessing}). A single-channel model on a multi-channel image processes each
 * channel separately (or only the chosen one). The input is never modified.
 */
public final class Predictor {

    private final LoadedModel model;
    private final ModelDescriptor descriptor;
    private final long noiseSeed;
    /** A denoiser's network for noise spread over neighbouring pixels ({@link #withSpreadNoise}); null for none. */
    private final LoadedModel spreadNoise;

    public Predictor(LoadedModel model) {
        this(model, 0);
    }

    /**
     * @param noiseSeed seed of the noise a synthesis model gets beside its labels (other models ignore it)
     */
    public Predictor(LoadedModel model, long noiseSeed) {
        this(model, noiseSeed, null);
    }

    private Predictor(LoadedModel model, long noiseSeed, LoadedModel spreadNoise) {
        this.model = model;
        this.descriptor = model.descriptor();
        this.noiseSeed = noiseSeed;
        this.spreadNoise = spreadNoise;
    }

    /**
     * This denoiser with {@code companion} for images whose noise is spread over neighbouring pixels (demosaicing,
     * resampling, compression): where the fitted denoising ({@link PredictionOptions#FITTED_STRENGTH}) finds the noise
     * correlated between neighbours ({@link NoiseCeiling.Estimate#white}), the companion's network restores the image,
     * its share over the noisy image fitted where the noise is faint ({@link SpreadShare}), since a network trained on
     * independent pixels takes such noise for texture and keeps it. Where the noise reads as white but only a little
     * more correlated than white noise ({@link NoiseCeiling#SPREAD_SUSPECTED}), the companion runs on the fitting's
     * windows, and restores the image only where the noise it removes is correlated and its fitted share is at least
     * one half ({@link SpreadShare.Fit#confirms}).
     * The companion stays open as long as this predictor is used; it is not closed here. Null: none.
     *
     * @throws UserException if the companion does not denoise, or not the same channels
     */
    public Predictor withSpreadNoise(LoadedModel companion) {
        if (companion != null && !canStandIn(descriptor, companion.descriptor())) {
            throw new UserException("Model '" + companion.descriptor().name() + "' cannot stand in for '"
                    + descriptor.name() + "' on spread noise: both must denoise the same channels the same way.");
        }
        return new Predictor(model, noiseSeed, companion);
    }

    /**
     * Whether {@code companion} can restore what {@code model} restores where the noise is spread over neighbours:
     * both denoisers, of the same channels, slices and inputs.
     */
    public static boolean canStandIn(ModelDescriptor model, ModelDescriptor companion) {
        return model.task() == ModelTask.DENOISE && companion.task() == ModelTask.DENOISE
                && companion.imageChannels() == model.imageChannels()
                && companion.outputChannels() == model.outputChannels()
                && companion.generator().noiseMap() == model.generator().noiseMap()
                && companion.tiling().slices() == model.tiling().slices();
    }

    /**
     * Predicts into a new ImageJ image titled after the input and the task, with the input's calibration (pixel
     * sizes divided by the scale factor for super-resolution).
     *
     * @param mask the pixels to fill (inpainting only; null otherwise)
     */
    public ImagePlus predict(ImagePlus input, InpaintMask mask, PredictionOptions options, TaskMonitor monitor) {
        HyperImage<?> in = ImagePlusImages.wrap(input);
        int channels = outputChannels(in, options);
        int bitDepth = options.outputType() == OutputType.SAME_AS_INPUT ? input.getBitDepth() : 32;
        if (bitDepth == 24 && channels != 3) {
            bitDepth = 8;
        }
        int scale = descriptor.scale();
        ImagePlus output = ImagePlusImages.create(bitDepth, in.width() * scale, in.height() * scale,
                bitDepth == 24 ? 1 : channels, in.slices(), in.frames(), outputMetadata(in.metadata()));
        run(in, mask, ImagePlusImages.wrap(output), options, monitor);
        ValueCalibration.carry(input, output);
        output.setDimensions(bitDepth == 24 ? 1 : channels, in.slices(), in.frames());
        if (output.getNChannels() > 1) {
            output = new ij.CompositeImage(output, ij.CompositeImage.COLOR);
        }
        output.resetDisplayRange();
        return output;
    }

    /** Predicts into a new ImgLib2 image (32-bit float, or the input's type). */
    public <T extends RealType<T> & NativeType<T>> HyperImage<?> predict(HyperImage<T> input, InpaintMask mask,
            PredictionOptions options, TaskMonitor monitor) {
        int scale = descriptor.scale();
        int channels = outputChannels(input, options);
        ImageMetadata metadata = outputMetadata(input.metadata());
        HyperImage<?> output = options.outputType() == OutputType.SAME_AS_INPUT
                ? HyperImage.create(input.type().createVariable(), (long) input.width() * scale,
                        (long) input.height() * scale, channels, input.slices(), input.frames(), metadata)
                : HyperImage.createFloat((long) input.width() * scale, (long) input.height() * scale, channels,
                        input.slices(), input.frames(), metadata);
        run(input, mask, output, options, monitor);
        return output;
    }

    /** Title and calibration of the result of this model on an image with the given metadata. */
    public ImageMetadata outputMetadata(ImageMetadata input) {
        return input.withTitle(baseTitle(input.title()) + "-" + descriptor.task().id()).withXYScale(
                descriptor.scale());
    }

    /** An image's title without its file extension, to name what is made from it. */
    static String baseTitle(String title) {
        return title.replaceFirst("\\.(tiff?|png|jpe?g|dcm)$", "");
    }

    /** Channels of the result for this input. */
    public int outputChannels(HyperImage<?> input, PredictionOptions options) {
        return outputChannels(descriptor, input.channels(), options);
    }

    /** Channels of the result of the described model for an image of {@code channels} channels. */
    static int outputChannels(ModelDescriptor descriptor, int channels, PredictionOptions options) {
        int modelChannels = descriptor.imageChannels();
        // NB: before the channel counts are compared, so that a channel the image lacks is never quietly replaced
        // by the channels it has.
        if (options.channel() >= channels) {
            throw new UnsupportedImageException("Channel " + (options.channel() + 1) + " does not exist: the image has "
                    + channels + (channels == 1 ? " channel." : " channels."));
        }
        if (channels == modelChannels) {
            return descriptor.outputChannels();
        }
        if (modelChannels == 1) {
            return options.channel() >= 0 ? 1 : channels;
        }
        throw new ChannelMismatchException(modelChannels, channels);
    }

    /** Runs the model over {@code input} into {@code output} (of the size and channels the model produces). */
    public void run(HyperImage<?> input, InpaintMask mask, HyperImage<?> output, PredictionOptions options,
            TaskMonitor monitor) {
        boolean inpaint = descriptor.task() == ModelTask.INPAINT;
        if (inpaint != (mask != null)) {
            throw new UnsupportedImageException(inpaint ? "Inpainting needs a mask: select the area to fill or "
                    + "choose a mask image." : "Only inpainting models take a mask.");
        }
        if (mask != null) {
            mask.requireFits(input);
        }
        if (descriptor.task() == ModelTask.SYNTHESIS) {
            LabelImages.require(input, descriptor);
            if (options.ensemble() > 1) {
                throw new UserException("Synthesis draws its noise at each pixel's place; averaging flipped runs "
                        + "would blur the samples. Use one pass (ensemble 1).");
            }
        }
        if (descriptor.tiling().slices() > 1 && input.slices() < 2) {
            throw new UnsupportedImageException("Model '" + descriptor.name() + "' restores each slice of a z-stack "
                    + "from " + descriptor.tiling().slices() + " neighbouring slices; this image has a single slice. "
                    + "Use a model for single images, or a stack.");
        }
        int expected = outputChannels(input, options);
        if (output.channels() != expected) {
            throw new UserException("Output has " + output.channels() + " channels, expected " + expected);
        }
        GradientMode.disableOnThisThread();
        for (int[] group : channelGroups(descriptor, input.channels(), options)) {
            HyperImage<?> in = input.withChannels(group);
            int[] outChannels = outputGroup(descriptor, group, input.channels(), options);
            HyperImage<?> out = output.withChannels(outChannels);
            process(in, mask, out, options, monitor);
        }
    }

    /**
     * Sets of input channels that go through the described model together, each normalized by its own statistics:
     * all channels for a model of as many, else each channel alone (or only the chosen one).
     */
    static List<int[]> channelGroups(ModelDescriptor descriptor, int channels, PredictionOptions options) {
        List<int[]> groups = new ArrayList<>();
        if (channels == descriptor.imageChannels()) {
            int[] all = new int[channels];
            for (int c = 0; c < all.length; c++) {
                all[c] = c;
            }
            groups.add(all);
        } else if (options.channel() >= 0) {
            groups.add(new int[] { options.channel() });
        } else {
            for (int c = 0; c < channels; c++) {
                groups.add(new int[] { c });
            }
        }
        return groups;
    }

    /** The output channels that a group of input channels produces. */
    static int[] outputGroup(ModelDescriptor descriptor, int[] inputGroup, int channels, PredictionOptions options) {
        if (channels == descriptor.imageChannels()) {
            int[] all = new int[descriptor.outputChannels()];
            for (int c = 0; c < all.length; c++) {
                all[c] = c;
            }
            return all;
        }
        return new int[] { options.channel() >= 0 ? 0 : inputGroup[0] };
    }

    /** The tiling this model runs with under the given options. */
    TiledProcessor processor(PredictionOptions options) {
        ModelDescriptor.Tiling tiling = descriptor.tiling();
        int tileSize = options.tileSize() > 0 ? options.tileSize() : tiling.tileSize();
        // Never less context than the network can see, whatever an older package states.
        int halo = Math.max(tiling.halo(), descriptor.generator().receptiveFieldRadius());
        int fixed = descriptor.generator().fixedInputSize();
        TileSpec spec = fixed > 0 ? TileSpec.fixedInput(fixed, halo, tiling.overlap(),
                descriptor.generator().divisor())
                : new TileSpec(tileSize, halo, tiling.overlap(), descriptor.generator().divisor());
        if (mirroredEdges(descriptor.task())) {
            spec = spec.withMirroredEdges();
        } else if (!edgeContext(descriptor.task())) {
            spec = spec.withoutEdgeContext();
        }
        return new TiledProcessor(spec, descriptor.scale(), options.batchSize(), model.manager().getDevice());
    }

    /**
     * Whether the model's tiles add a whole halo of mirrored context at the image's edges too. Adversarially trained
     * image makers (synthesis, style transfer) leave a faint frame where their input ends, which the mirrored context
     * moves out of the image (a halo costs 1.27 times the pixels of a 1024 x 1024 image). Denoisers take only a few
     * mirrored pixels there ({@code AxisTiling.EDGE_CONTEXT}): without them the 2.5D nuclei denoiser restored its
     * outermost rows poorly (5 dB over a 128 x 128 x 32 stack at 2 photons), with them the 2D general denoiser scores
     * within 0.05 dB. The other restorations meet the edge with their own padding, as in training, which measured
     * better: super-resolution (the bicubic image it adds to replicates the edge) 0.10 to 0.16 dB better on the real
     * test images, isotropic restoration 0.56 dB (its views' last rows lie past the stack's last slice), inpainting
     * the same within 0.02 dB.
     */
    static boolean mirroredEdges(ModelTask task) {
        return task == ModelTask.SYNTHESIS || task == ModelTask.STYLE;
    }

    /** Whether the model's tiles add the few mirrored pixels of {@code AxisTiling.EDGE_CONTEXT} at the image's edges. */
    static boolean edgeContext(ModelTask task) {
        return task == ModelTask.DENOISE;
    }

    /**
     * The network with the element-wise steps of a value mapping around it, run in {@code ensemble} orientations and
     * averaged ({@link Ensemble}).
     */
    TileFunction network(ValueMapping mapping, int ensemble) {
        return network(model, mapping, ensemble);
    }

    /** {@link #network(ValueMapping, int)} with the network of {@code loaded}. */
    private static TileFunction network(LoadedModel loaded, ValueMapping mapping, int ensemble) {
        TileFunction once = batch -> mapping.afterNetwork().apply(loaded.generator().forward(
                new ParameterStore(batch.getManager(), false),
                new NDList(mapping.beforeNetwork().apply(batch)), false).singletonOrThrow());
        return Ensemble.of(once, ensemble);
    }

    /**
     * {@link #network(ValueMapping, int)} with only the share {@code strength} of a super-resolution network's
     * correction over bicubic interpolation ({@link CorrectionStrength}), or of a denoising network's correction over
     * the noisy image ({@link DenoiseStrength}); 1 is the network alone.
     */
    TileFunction network(ValueMapping mapping, int ensemble, int channels, double strength) {
        TileFunction network = network(mapping, ensemble);
        if (strength == 1) {
            return network;
        }
        return descriptor.task() == ModelTask.DENOISE ? DenoiseStrength.blend(network, channels, strength)
                : CorrectionStrength.blend(network, descriptor.scale(), channels, strength);
    }

    /**
     * The strength the network of this model runs at for the given option: {@link CorrectionStrength#chosen} for
     * super-resolution, {@link DenoiseStrength#chosen} for denoising, 1 for other tasks.
     */
    double chosenStrength(double strength) {
        return descriptor.task() == ModelTask.DENOISE ? DenoiseStrength.chosen(descriptor, strength)
                : CorrectionStrength.chosen(descriptor, strength);
    }

    /**
     * An inpainting network's output with its classical fill alone beside it along the channel axis, from one fill
     * ({@link InpaintingGenerator#forwardWithFill}), with the element-wise steps of a value mapping around them.
     */
    private static TileFunction networkAndFill(InpaintingGenerator generator, ValueMapping mapping, int ensemble) {
        TileFunction once = batch -> mapping.afterNetwork().apply(generator.forwardWithFill(
                new ParameterStore(batch.getManager(), false), mapping.beforeNetwork().apply(batch)));
        return Ensemble.of(once, ensemble);
    }

    /** The loaded model's description. */
    ModelDescriptor descriptor() {
        return descriptor;
    }

    /**
     * For a denoiser with its strength fitted on the image (Denoise's default), {@code image} with its spikes (a
     * camera's hot or dead pixels, alone or in pairs) replaced by their neighbours' median ({@link LoneSpikes}); else
     * {@code image}.
     */
    private HyperImage<?> withoutSpikes(HyperImage<?> image, PredictionOptions options, TaskMonitor monitor) {
        if (descriptor.task() != ModelTask.DENOISE
                || chosenStrength(options.strength()) != PredictionOptions.FITTED_STRENGTH) {
            return image;
        }
        // NB: before the value mapping, whose upper percentile a camera's hot pixels would raise.
        LoneSpikes.Removed spikes = LoneSpikes.removed(image);
        if (spikes.count() > 0) {
            found(monitor, spikes.count() + (spikes.count() == 1 ? " pixel" : " pixels") + " far beyond all the "
                    + "pixels around them, alone or two side by side (a camera's hot or dead pixels), replaced by "
                    + "their neighbours' median");
        } else if (!spikes.searched()) {
            found(monitor, "Not searched for a camera's hot pixels: the image is too large for a copy; where it has "
                    + "them, remove them first (Process > Noise > Remove Outliers...)");
        }
        return spikes.image();
    }

    private void process(HyperImage<?> image, InpaintMask mask, HyperImage<?> out, PredictionOptions options,
            TaskMonitor monitor) {
        HyperImage<?> in = withoutSpikes(image, options, monitor);
        ValueMapping.PerPlane mappings = ValueMapping.fit(descriptor.normalization(), in, out.channels());
        TiledProcessor processor = processor(options);
        int planes = in.slices() * in.frames();
        long perPlane = processor.tileCount(in.width(), in.height());
        double strength = chosenStrength(options.strength());
        DenoiseStrength.Blend denoising = null;
        LoadedModel denoiser = model;
        long before = 0;
        if (strength == PredictionOptions.FITTED_STRENGTH && descriptor.task() == ModelTask.DENOISE) {
            before = DenoiseStrength.tiles(in, processor);
            // NB: one blend for the whole image, as for super-resolution below.
            denoising = DenoiseStrength.fit(in, mappings, (z, t, mapping) -> imageInputs(in, z, t, mapping),
                    processor, network(mappings.forPlane(0, 0), options.ensemble()), descriptor.tiling().slices() > 1
                            ? UnaryOperator.identity() : this::withNoiseMap,
                    new PlaneMonitor(monitor, 0, before + perPlane * planes));
            SpreadShare.Fit spreadFit = null;
            boolean suspected = denoising.suspectedSpread();
            // NB: a blend holds a found or a suspected spread, never both (Blend); 0 where it holds neither.
            double spread = suspected ? denoising.suspected() : denoising.spread();
            if (spread > 0 && spreadNoise != null) {
                long fitted = DenoiseStrength.tiles(in, processor);
                spreadFit = SpreadShare.fit(in, mappings, (z, t, mapping) -> imageInputs(in, z, t, mapping),
                        processor, network(spreadNoise, mappings.forPlane(0, 0), options.ensemble()),
                        descriptor.tiling().slices() > 1 ? UnaryOperator.identity() : this::withNoiseMap, spread,
                        suspected, new PlaneMonitor(monitor, before, before + fitted + perPlane * planes));
                before += fitted;
            }
            if (spreadFit != null && (!suspected || spreadFit.confirms())) {
                denoiser = spreadNoise;
                String finding = String.format(java.util.Locale.ROOT, "Noise spread over about %.2f pixels found: "
                        + "the network for such noise ('%s'), its share over the noisy image fitted on the image: %.2f",
                        spread, spreadNoise.descriptor().name(), spreadFit.share());
                monitor.progress(before, before + perPlane * planes, finding);
                monitor.report(finding);
                denoising = DenoiseStrength.Blend.of(spreadFit.share());
            } else {
                monitor.progress(before, before + perPlane * planes, (spreadFit == null ? ""
                        : String.format(java.util.Locale.ROOT, "The noise that '%s' removes reads as white "
                                + "(correlation %.2f) or as texture (share %.2f): ", spreadNoise.descriptor().name(),
                                spreadFit.residualCorrelation(), spreadFit.share()))
                        + "Denoising fitted on the image: " + denoising.describe());
            }
        } else if (strength == PredictionOptions.FITTED_STRENGTH) {
            before = CorrectionStrength.tiles(in, processor, descriptor.scale());
            // NB: one strength for the whole image, fitted with the first plane's network mapping (percentile
            // normalization maps every plane alike).
            strength = CorrectionStrength.fit(in, mappings, processor, network(mappings.forPlane(0, 0),
                    options.ensemble()), descriptor.scale(), this::withNoiseMap, new PlaneMonitor(monitor, 0,
                    before + perPlane * planes));
            monitor.progress(before, before + perPlane * planes, String.format(java.util.Locale.ROOT,
                    "Strength over bicubic fitted on the image: %.2f", strength));
        }
        double fillStrength = FillStrength.chosen(descriptor, options.strength());
        boolean blendsWithFill = mask != null && FillStrength.applies(descriptor) && (fillStrength != 1
                || options.adaptation() > 0);
        // NB: one fit for the whole stack, so that its time does not grow with the number of planes.
        try (FillAdaptation.Adapted stackFit = blendsWithFill && planes > 1 ? fitToStack(in, mask, out.channels(),
                mappings, options, fillStrength, new PlaneMonitor(monitor, before, before + perPlane * planes))
                : null) {
            processPlanes(in, mask, out, options, monitor, mappings, processor, perPlane, strength, denoising, denoiser,
                    before, fillStrength, blendsWithFill, stackFit);
        }
    }

    private void processPlanes(HyperImage<?> in, InpaintMask mask, HyperImage<?> out, PredictionOptions options,
            TaskMonitor monitor, ValueMapping.PerPlane mappings, TiledProcessor processor, long perPlane,
            double strength, DenoiseStrength.Blend denoising, LoadedModel denoiser, long before, double fillStrength,
            boolean blendsWithFill, FillAdaptation.Adapted stackFit) {
        int planes = in.slices() * in.frames();
        for (int t = 0; t < in.frames(); t++) {
            for (int z = 0; z < in.slices(); z++) {
                ValueMapping mapping = mappings.forPlane(z, t);
                List<PlaneAccess> inputs = networkInputs(in, z, t, mapping);
                long done = before + (long) (t * in.slices() + z) * perPlane;
                if (blendsWithFill && blendWithFill(in, mask, out, z, t, inputs, mapping, processor, options,
                        fillStrength, stackFit, new PlaneMonitor(monitor, done, before + perPlane * planes))) {
                    continue;
                }
                if (mask != null) {
                    inputs.add(mask.plane(z, t, in.slices()));
                }
                if (descriptor.task() == ModelTask.SYNTHESIS) {
                    inputs.add(new NoisePlane(in.width(), in.height(), noiseSeed, (long) t * in.slices() + z));
                }
                TileFunction network = denoising != null
                        ? DenoiseStrength.blend(network(denoiser, mapping, options.ensemble()), in.channels(), denoising)
                        : network(mapping, options.ensemble(), in.channels(), strength);
                processor.processPlane(inputs, out.channelPlanes(z, t), LinearMap.IDENTITY, mapping.outputMap(),
                        network, new PlaneMonitor(monitor, done, before + perPlane * planes));
                if (denoising != null) {
                    removeNoiseBias(in, out, z, t, new PlaneMonitor(monitor, done + perPlane, before + perPlane
                            * planes));
                }
                // NB: declared processing (a bioimage.io model's) may leave outputs in another range than the image's;
                // such a model keeps its known pixels itself, and copying image values would mix the two ranges.
                if (mask != null && !descriptor.normalization().isDeclared()) {
                    keepUnmasked(in, out, mask, z, t);
                }
            }
        }
    }

    /**
     * Fills one plane's holes with the share {@code strength} of an inpainting network's correction over its classical
     * fill ({@link FillStrength}; fitted on the plane for {@link PredictionOptions#FITTED_STRENGTH}), the network first
     * fitted to the plane's known pixels for the options' adaptation steps ({@link FillAdaptation}), known pixels
     * kept; false, having done nothing, where the plane is too large for that in the memory left.
     */
    private boolean blendWithFill(HyperImage<?> in, InpaintMask mask, HyperImage<?> out, int z, int t,
            List<PlaneAccess> inputs, ValueMapping mapping, TiledProcessor processor, PredictionOptions options,
            double strength, FillAdaptation.Adapted stackFit, PlaneMonitor monitor) {
        int w = in.width();
        int h = in.height();
        if (!FillStrength.fitsInHeap(w, h, out.channels())) {
            monitor.progress(0, 1, "Too large to blend with the classical fill in the memory left: the network alone");
            return false;
        }
        byte[] holes = mask.bits(z, t, in.slices());
        byte[] hidden = FillStrength.hiddenFor(strength, holes, w, h);
        FillStrength.Shares used;
        // NB: the fill alone (strength 0) takes nothing from the network, fitted or not.
        try (FillAdaptation.Adapted own = stackFit != null ? null : options.adaptation() == 0 || strength == 0
                ? FillAdaptation.none(model.generator())
                : FillAdaptation.adapt(model.generator(), (InpaintingSpec) descriptor.generator(),
                        inputs.stream().map(PlaneAccesses::read).toList(), holes, hidden, w, h, options.adaptation(),
                        model.manager(), monitor)) {
            FillAdaptation.Adapted adapted = stackFit != null ? stackFit : own;
            GradientMode.disableOnThisThread();
            used = FillStrength.fillPlane(processor, inputs, holes, hidden, out.channelPlanes(z, t), mapping,
                    networkAndFill((InpaintingGenerator) adapted.network(), mapping, options.ensemble()), strength,
                    monitor);
        }
        long tiles = processor.tileCount(w, h);
        monitor.progress(tiles, tiles, used.describe(strength == PredictionOptions.FITTED_STRENGTH));
        keepUnmasked(in, out, mask, z, t);
        return true;
    }

    /**
     * The network fitted once to every plane of a stack that has holes ({@link FillAdaptation}: each step's crops from
     * one plane drawn at random, the options' steps for each such plane up to {@value FillAdaptation#STACK_PLANES}
     * planes' worth), or the network as trained where no fitting is asked, the fill alone is asked, or a plane is too
     * large to blend in the memory left (each plane then takes the network alone).
     */
    private FillAdaptation.Adapted fitToStack(HyperImage<?> in, InpaintMask mask, int channels,
            ValueMapping.PerPlane mappings, PredictionOptions options, double strength, TaskMonitor monitor) {
        int w = in.width();
        int h = in.height();
        if (options.adaptation() == 0 || strength == 0 || !FillStrength.fitsInHeap(w, h, channels)) {
            return FillAdaptation.none(model.generator());
        }
        List<int[]> withHoles = new ArrayList<>();
        for (int t = 0; t < in.frames(); t++) {
            for (int z = 0; z < in.slices(); z++) {
                if (FillAdaptation.anyHole(mask.bits(z, t, in.slices()))) {
                    withHoles.add(new int[] { z, t });
                }
            }
        }
        FillAdaptation.Planes planes = new FillAdaptation.Planes() {
            @Override
            public int count() {
                return withHoles.size();
            }

            @Override
            public FillAdaptation.Plane read(int index) {
                int z = withHoles.get(index)[0];
                int t = withHoles.get(index)[1];
                byte[] holes = mask.bits(z, t, in.slices());
                return new FillAdaptation.Plane(networkInputs(in, z, t, mappings.forPlane(z, t)).stream()
                        .map(PlaneAccesses::read).toList(), holes, FillStrength.hiddenFor(strength, holes, w, h));
            }
        };
        int steps = (int) Math.min((long) options.adaptation() * withHoles.size(),
                (long) options.adaptation() * FillAdaptation.STACK_PLANES);
        return FillAdaptation.adapt(model.generator(), (InpaintingSpec) descriptor.generator(), planes, w, h, steps,
                FillAdaptation.RATE, model.manager(), monitor);
    }

    /**
     * The image planes the network sees for slice {@code z}: its channels (and their noise map, for a model that takes
     * one), or for a 2.5D model the slices around it (mirrored at the ends of the stack; the slice itself first), all
     * mapped with the slice's own values so that they share one scale.
     */
    private List<PlaneAccess> networkInputs(HyperImage<?> in, int z, int t, ValueMapping mapping) {
        List<PlaneAccess> inputs = imageInputs(in, z, t, mapping);
        return descriptor.tiling().slices() > 1 ? inputs : withNoiseMap(inputs);
    }

    /** {@link #networkInputs} without the noise map: the image's own planes, the slice or its channels first. */
    private List<PlaneAccess> imageInputs(HyperImage<?> in, int z, int t, ValueMapping mapping) {
        List<PlaneAccess> inputs = new ArrayList<>();
        if (descriptor.tiling().slices() > 1) {
            for (int dz : descriptor.tiling().sliceOffsets()) {
                int slice = Mirror.reflect(z + dz, in.slices());
                inputs.add(PlaneAccesses.mapped(in.channelPlanes(slice, t).get(0), mapping.inputMaps().get(0)));
            }
            return inputs;
        }
        List<PlaneAccess> channels = in.channelPlanes(z, t);
        for (int c = 0; c < channels.size(); c++) {
            inputs.add(PlaneAccesses.mapped(channels.get(c), mapping.inputMaps().get(c)));
        }
        return inputs;
    }

    /** The planes with the noise map of the first added, for a model that takes one ({@link NoiseMapPlane}). */
    private List<PlaneAccess> withNoiseMap(List<PlaneAccess> inputs) {
        if (descriptor.generator().noiseMap()) {
            inputs.add(NoiseMapPlane.of(inputs.get(0)));
        }
        return inputs;
    }

    /**
     * Removes from a denoised plane the bias that its noise leaves where its mean is not the signal: where a
     * channel's noise is Rician (a magnitude image, as MR scanners store), the lift of the dark background
     * ({@link RicianBackground}); elsewhere, where its noise is cut at the ends of the image's range (an 8-bit file),
     * the lift or fall near those ends ({@link ClippedNoise}); other planes are left as they are. Part of the fitted
     * denoising: the noise is read from the noisy plane itself.
     */
    private static void removeNoiseBias(HyperImage<?> in, HyperImage<?> out, int z, int t, TaskMonitor monitor) {
        for (int c = 0; c < Math.min(in.channels(), out.channels()); c++) {
            float[] noisy = PlaneAccesses.read(in.plane(c, z, t));
            PlaneAccess target = out.plane(c, z, t);
            float[] denoised = PlaneAccesses.read(target);
            Optional<RicianBackground.Noise> rician = RicianBackground.detect(noisy, in.width(), in.height());
            String found;
            if (rician.isPresent()) {
                if (!RicianBackground.correct(denoised, in.width(), rician.get())) {
                    continue;
                }
                found = String.format(java.util.Locale.ROOT, "Rician noise (magnitude image) of sigma %.4g found: "
                        + "its lift of the dark background removed", rician.get().sigma());
            } else {
                List<ClippedNoise.End> ends = ClippedNoise.detect(noisy, denoised, in.width(), in.height());
                if (ends.isEmpty()) {
                    continue;
                }
                ClippedNoise.correct(denoised, ends);
                found = String.format(java.util.Locale.ROOT, "Noise of sigma %.4g cut at the image's %s found: its "
                        + "bias there removed", ends.get(0).sigma(), ends.size() == 2 ? "lowest and highest values"
                                : ends.get(0).direction() == 1 ? "lowest value" : "highest value");
            }
            PlaneAccesses.write(target, denoised);
            found(monitor, found);
        }
    }

    /** Copies the input into the output wherever the mask is 0, so those pixels are exactly unchanged. */
    private static void keepUnmasked(HyperImage<?> in, HyperImage<?> out, InpaintMask mask, int z, int t) {
        byte[] holes = mask.bits(z, t, in.slices());
        int w = in.width();
        FloatBuffer original = FloatBuffer.allocate(w);
        FloatBuffer result = FloatBuffer.allocate(w);
        for (int c = 0; c < in.channels(); c++) {
            PlaneAccess source = in.plane(c, z, t);
            PlaneAccess target = out.plane(c, z, t);
            for (int y = 0; y < in.height(); y++) {
                source.readRow(y, 0, w, original, 0, LinearMap.IDENTITY);
                target.readRow(y, 0, w, result, 0, LinearMap.IDENTITY);
                for (int x = 0; x < w; x++) {
                    if (holes[y * w + x] == 0) {
                        result.put(x, original.get(x));
                    }
                }
                target.writeRow(y, 0, w, result, 0, LinearMap.IDENTITY);
            }
        }
    }

    /** Shows a finding as the progress message and reports it to be kept ({@link TaskMonitor#report}). */
    private static void found(TaskMonitor monitor, String finding) {
        monitor.progress(0, 1, finding);
        monitor.report(finding);
    }

    /** Turns per-plane tile counts into progress over the whole image. */
    record PlaneMonitor(TaskMonitor monitor, long before, long total) implements TaskMonitor {

        @Override
        public void progress(long done, long planeTotal, String message) {
            monitor.progress(before + done, total, message);
        }

        @Override
        public void report(String finding) {
            monitor.report(finding);
        }

        @Override
        public boolean isCancelled() {
            return monitor.isCancelled();
        }
    }
}
