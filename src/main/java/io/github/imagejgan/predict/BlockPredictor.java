package io.github.imagejgan.predict;

import java.util.ArrayList;
import java.util.List;

import io.github.imagejgan.image.IntensityRange;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.NoiseLevel;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.PlaneWindow;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * {@link Predictor}'s run cut into blocks, for images that no single machine holds: the whole image's statistics are
 * measured first (see {@link #normalizer}, and {@link #noiseLevels} for a model with a noise map), then each block,
 * a window of a plane, is predicted from the part of the plane its tiles read ({@link #inputWindow}). A block's
 * pixels equal those of the whole image's run with the same options, since the tiles, their halos, their order and
 * their blending are the same. (A super-resolution strength is not fitted here, which would need the whole image: the
 * blocks take the strength given as a number, or the network alone; see {@link CorrectionStrength}.)
 */
public final class BlockPredictor {

    private final Predictor predictor;

    public BlockPredictor(LoadedModel model) {
        this.predictor = new Predictor(model);
        requireBlockwise(model.descriptor());
    }

    /**
     * The sets of input channels that go through the model together; each needs its own intensity range, measured
     * over its channels in every plane.
     */
    public static List<int[]> channelGroups(ModelDescriptor descriptor, int channels, PredictionOptions options) {
        Predictor.outputChannels(descriptor, channels, options);
        return Predictor.channelGroups(descriptor, channels, options);
    }

    /** Channels of the result for an image of {@code channels} channels. */
    public static int outputChannels(ModelDescriptor descriptor, int channels, PredictionOptions options) {
        return Predictor.outputChannels(descriptor, channels, options);
    }

    /**
     * How the intensity range of each channel group is measured: the model's percentiles.
     *
     * @throws UserException for models that a block-wise run cannot take
     */
    public static PercentileNormalizer normalizer(ModelDescriptor descriptor) {
        requireBlockwise(descriptor);
        ModelDescriptor.Normalization n = descriptor.normalization();
        return new PercentileNormalizer(n.lowPercentile(), n.highPercentile());
    }

    private static void requireBlockwise(ModelDescriptor descriptor) {
        if (descriptor.task() == ModelTask.INPAINT) {
            throw new UserException("Block-wise runs take denoising, super-resolution and style models; inpainting "
                    + "needs a mask image beside each image: run it on files instead.");
        }
        if (descriptor.task() == ModelTask.SYNTHESIS || descriptor.tiling().slices() > 1) {
            // NB: a block holds one plane; these models need a noise plane or the neighbouring slices beside it.
            throw new UserException("Model '" + descriptor.name() + "' " + (descriptor.task() == ModelTask.SYNTHESIS
                    ? "synthesizes images from labels" : "denoises each slice from its neighbouring slices")
                    + ", which block-wise runs do not provide: run it on files instead.");
        }
        if (descriptor.task() == ModelTask.ISOTROPIC) {
            // NB: it restores the views across the slices; a block holds one plane.
            throw new UserException("Model '" + descriptor.name() + "' makes whole z-stacks isotropic from their XZ "
                    + "and YZ views, which block-wise runs do not provide: run it on files instead.");
        }
        if (descriptor.normalization().isDeclared()) {
            throw new UserException("Model '" + descriptor.name() + "' declares its own pre- and post-processing "
                    + "(imported from bioimage.io), whose statistics a block-wise run does not gather: run it on "
                    + "files instead, or use a model with percentile normalization.");
        }
    }

    /**
     * For a model with a noise map ({@link io.github.imagejgan.nn.NetworkSpec#noiseMap()}): the part of a
     * {@code width} x {@code height} plane that its noise is estimated from, as a whole-image run estimates it; null
     * for other models. A block holds too little of the plane, so the job measures each plane's noise first, as it
     * measures the intensity ranges.
     */
    public static PlaneWindow noiseWindow(ModelDescriptor descriptor, int width, int height) {
        return descriptor.generator().noiseMap() ? NoiseMapPlane.window(width, height) : null;
    }

    /**
     * The noise of each channel group of one plane, in the network's values, for a model with a noise map; empty for
     * other models.
     *
     * @param channels every channel of the plane, as whole planes of which only {@link #noiseWindow} is read
     * @param ranges   the intensity range of each channel group ({@link #channelGroups}), over the whole image
     */
    public static List<NoiseLevel> noiseLevels(ModelDescriptor descriptor, List<PlaneAccess> channels,
            List<IntensityRange> ranges, PredictionOptions options) {
        List<NoiseLevel> levels = new ArrayList<>();
        if (!descriptor.generator().noiseMap()) {
            return levels;
        }
        List<int[]> groups = Predictor.channelGroups(descriptor, channels.size(), options);
        for (int g = 0; g < groups.size(); g++) {
            ValueMapping mapping = ValueMapping.of(descriptor.normalization(), ranges.get(g), groups.get(g).length);
            levels.add(NoiseMapPlane.estimate(PlaneAccesses.mapped(channels.get(groups.get(g)[0]),
                    mapping.inputMaps().get(0))));
        }
        return levels;
    }

    /** The part of a {@code width} x {@code height} plane that predicting {@code window} reads. */
    public PlaneWindow inputWindow(int width, int height, PlaneWindow window, PredictionOptions options) {
        return predictor.processor(options).inputWindow(width, height, window);
    }

    /**
     * Predicts the part {@code window} of one plane.
     *
     * @param channels every channel of the plane, as whole planes of which only {@link #inputWindow} is read
     * @param ranges   the intensity range of each channel group ({@link #channelGroups}), over the whole image
     * @param outputs  every output channel, each the window's size times the model's scale
     * @param noise    the plane's {@link #noiseLevels}
     */
    public void run(List<PlaneAccess> channels, List<IntensityRange> ranges, PlaneWindow window,
            List<PlaneAccess> outputs, PredictionOptions options, List<NoiseLevel> noise, TaskMonitor monitor) {
        ModelDescriptor descriptor = predictor.descriptor();
        int expected = Predictor.outputChannels(descriptor, channels.size(), options);
        if (outputs.size() != expected) {
            throw new UserException("Output has " + outputs.size() + " channels, expected " + expected);
        }
        List<int[]> groups = Predictor.channelGroups(descriptor, channels.size(), options);
        if (ranges.size() != groups.size()) {
            throw new UserException(groups.size() + " channel groups need as many intensity ranges, got "
                    + ranges.size());
        }
        if (descriptor.generator().noiseMap() && noise.size() != groups.size()) {
            throw new UserException(groups.size() + " channel groups need as many noise levels, got " + noise.size());
        }
        GradientMode.disableOnThisThread();
        for (int g = 0; g < groups.size(); g++) {
            int[] group = groups.get(g);
            ValueMapping mapping = ValueMapping.of(descriptor.normalization(), ranges.get(g), group.length);
            List<PlaneAccess> inputs = new ArrayList<>();
            for (int c = 0; c < group.length; c++) {
                inputs.add(PlaneAccesses.mapped(channels.get(group[c]), mapping.inputMaps().get(c)));
            }
            if (descriptor.generator().noiseMap()) {
                inputs.add(new NoiseMapPlane(inputs.get(0), noise.get(g)));
            }
            List<PlaneAccess> outs = new ArrayList<>();
            for (int c : Predictor.outputGroup(descriptor, group, channels.size(), options)) {
                outs.add(outputs.get(c));
            }
            // NB: a fitted strength needs the whole image; block by block a super-resolution or denoising model
            // runs at the strength given as a number, else as the network alone.
            double strength = predictor.chosenStrength(options.strength());
            predictor.processor(options).processWindow(inputs, window, outs, LinearMap.IDENTITY,
                    mapping.outputMap(), predictor.network(mapping, options.ensemble(), group.length,
                            strength == PredictionOptions.FITTED_STRENGTH ? 1 : strength), monitor);
        }
    }
}
