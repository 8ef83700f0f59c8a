package io.github.imagejgan.predict;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.TileFunction;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.Layers;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * The strength of a super-resolution network on one image: the share {@code a} (0 to 1) of its correction over
 * bicubic interpolation that the result keeps, {@code bicubic + a (network - bicubic)}, fitted on the image itself.
 *
 * <p>Why: a network can overshoot on an image unlike those it learned from; on a smooth clean image it sharpens what
 * is not there (the moon, 2.1 dB below bicubic at x2, models/sr-general.md). The image holds its own test: reduced
 * once more by the model's factor, the network's enlargement of the reduction can be compared with the image, and the
 * least-squares share of the correction there stands in for the one on the image. Two reductions are fitted, because
 * each errs in a case where the other does not:
 * <ul>
 * <li>the means of factor x factor blocks (binning), compared on every pixel: the network meets the kind of input it
 * gets, but the noise it removes from the reduction is partly the image's own noise, so on noisy images the fit
 * falls, below 0 on smooth ones that the network restores by 4-8 dB;</li>
 * <li>the means of each block's diagonal pixels, compared only on the others, whose noise the reduction never saw:
 * free of that bias, but the reduction aliases more, so the fit comes out low on clean fine texture.</li>
 * </ul>
 * The larger of the two, within 0 to 1. Measured on the 23 real test images at x2 with the shipped sr2-general (gain
 * over bicubic, mean and worst image; network alone against fitted): clean binned +1.42/-2.06 against +1.46/-0.50,
 * Gaussian-antialiased +1.99/-0.84 against +1.89/-0.21, 1 % noise +1.57/-0.27 against +1.52/+0.06, 3 % noise
 * +2.32/-0.36 against +2.39/+0.09.
 *
 * <p>Only factor 2 is fitted: at x4 the reduction is 16 times smaller than the image, and the fit came out too low
 * (on 512-pixel crops: means 0.13 to 0.39 dB lower, the worst images 0.1 to 0.3 dB higher), so there the network
 * runs alone unless a strength is given.
 */
final class CorrectionStrength {

    /** The one factor whose strength is fitted. */
    static final int FITTED_FACTOR = 2;

    /** Planes of a stack or time series fitted together, spread evenly over it; more add time, not accuracy. */
    static final int MAX_PLANES = 4;

    /** Smallest reduction (pixels along X and Y) that is fitted; smaller images keep the whole correction. */
    static final int MIN_REDUCED = 16;

    private CorrectionStrength() {
    }

    /**
     * Checks a strength as options carry it: 0 to 1, or {@link PredictionOptions#FITTED_STRENGTH}.
     *
     * @throws UserException saying what is allowed
     */
    static void require(double strength) {
        if (!(strength == PredictionOptions.FITTED_STRENGTH || strength >= 0 && strength <= 1)) {
            throw new UserException("The strength over the classical method (bicubic interpolation, the fill of "
                    + "inpainting, or the noisy image itself for denoising) is 'auto' or a share from 0 (the classical "
                    + "method) to 1 (the network alone), got " + strength + ".");
        }
    }

    /**
     * Parses a strength as users write it: {@code auto} (fitted on each image) or a number from 0 to 1.
     *
     * @throws UserException for anything else
     */
    static double parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equalsIgnoreCase("auto")) {
            return PredictionOptions.FITTED_STRENGTH;
        }
        double value;
        try {
            value = Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= 0 && value <= 1)) {
            throw new UserException("Strength is 'auto' or a number from 0 (the classical method: bicubic "
                    + "interpolation, the fill of inpainting, or the noisy image itself for denoising) to 1 (the "
                    + "network alone), got '" + text + "'.");
        }
        return value;
    }

    /** How a strength is written: {@code auto} or its number. */
    static String format(double strength) {
        return strength == PredictionOptions.FITTED_STRENGTH ? "auto" : String.format(Locale.ROOT, "%.4g", strength);
    }

    /**
     * Whether the described model's results can be blended with bicubic interpolation: a super-resolution model that
     * restores each plane alone into as many channels, with the image's own values around it (a model with declared
     * processing may return other units).
     */
    static boolean applies(ModelDescriptor descriptor) {
        return descriptor.task() == ModelTask.SUPER_RESOLUTION && !descriptor.normalization().isDeclared()
                && descriptor.tiling().slices() == 1 && descriptor.imageChannels() == descriptor.outputChannels();
    }

    /**
     * The strength a run of the described model uses where it is not fitted: 1 (the network alone) for other tasks
     * and for models it does not apply to, else the given share; {@link PredictionOptions#FITTED_STRENGTH} where it
     * is to be fitted (factor {@value #FITTED_FACTOR} only; 1 for other factors).
     *
     * @throws UserException for a share other than 1 on a super-resolution model it does not apply to
     */
    static double chosen(ModelDescriptor descriptor, double strength) {
        double chosen = chosen(ModelTask.SUPER_RESOLUTION, descriptor, applies(descriptor), strength,
                "brings its own processing of values or restores slices from their neighbours; its results cannot be "
                        + "blended with bicubic interpolation");
        return chosen == PredictionOptions.FITTED_STRENGTH && descriptor.scale() != FITTED_FACTOR ? 1 : chosen;
    }

    /**
     * The strength a model runs at where a blend for {@code task} may apply: 1 (the network alone) for models of other
     * tasks and for those it does not apply to, else the given share or {@link PredictionOptions#FITTED_STRENGTH}.
     *
     * @param why what keeps a model the blend does not apply to from it, for the message
     * @throws UserException for a share other than 1 on a model of the task that the blend does not apply to
     */
    static double chosen(ModelTask task, ModelDescriptor descriptor, boolean applies, double strength, String why) {
        if (descriptor.task() != task) {
            return 1;
        }
        if (!applies) {
            if (strength != PredictionOptions.FITTED_STRENGTH && strength != 1) {
                throw new UserException("Model '" + descriptor.name() + "' " + why + ". Use strength 1 or auto.");
            }
            return 1;
        }
        return strength;
    }

    /** The network's result blended with bicubic interpolation of its input: {@code b + strength (n - b)}. */
    static TileFunction blend(TileFunction network, int scale, int channels, double strength) {
        return blend(network, batch -> bicubic(batch, scale, channels), strength);
    }

    /** The network's result blended with a classical result of the same batch: {@code c + strength (n - c)}. */
    static TileFunction blend(TileFunction network, TileFunction classical, double strength) {
        return batch -> {
            NDArray n = network.apply(batch);
            NDArray c = classical.apply(batch);
            return c.add(n.sub(c).mul(batch.getManager().create((float) strength)));
        };
    }

    /**
     * The image's own planes of a batch: its first {@code channels} (a noise map, or the neighbouring slices of a 2.5D
     * or 3D model, follow them).
     */
    static NDArray imagePlanes(NDArray batch, int channels) {
        return batch.getShape().get(1) == channels ? batch : batch.get(new NDIndex(":, 0:{}", channels));
    }

    private static NDArray bicubic(NDArray batch, int scale, int channels) {
        return Layers.upsampleBicubic(imagePlanes(batch, channels), scale);
    }

    /** Network tiles the fit of {@code in} runs: two reductions of each fitted plane; 0 where nothing is fitted. */
    static long tiles(HyperImage<?> in, TiledProcessor processor, int scale) {
        int w = in.width() / scale;
        int h = in.height() / scale;
        if (w < MIN_REDUCED || h < MIN_REDUCED) {
            return 0;
        }
        return 2L * processor.tileCount(w, h) * fittedPlanes(in.slices() * in.frames()).length;
    }

    /**
     * Fits the strength of {@code network} on {@code in} (all its channels go through the network together).
     *
     * @param extraInputs adds any planes the network takes beside the image's channels (a noise map)
     * @param monitor     progress in network tiles, {@link #tiles} in all
     * @return the share, 0 to 1; 1 for an image too small to reduce, or a network that adds nothing to bicubic
     */
    static double fit(HyperImage<?> in, ValueMapping.PerPlane mappings, TiledProcessor processor,
            TileFunction network, int scale, UnaryOperator<List<PlaneAccess>> extraInputs, TaskMonitor monitor) {
        int w = in.width();
        int reducedWidth = w / scale;
        int reducedHeight = in.height() / scale;
        if (reducedWidth < MIN_REDUCED || reducedHeight < MIN_REDUCED) {
            return 1;
        }
        int channels = in.channels();
        TileFunction pair = batch -> NDArrays.concat(new NDList(network.apply(batch), bicubic(batch, scale,
                channels)), 1);
        Sums area = new Sums();
        Sums diagonal = new Sums();
        long perRun = processor.tileCount(reducedWidth, reducedHeight);
        long done = 0;
        int[] planes = fittedPlanes(in.slices() * in.frames());
        long total = 2L * perRun * planes.length;
        for (int plane : planes) {
            int z = plane % in.slices();
            int t = plane / in.slices();
            ValueMapping mapping = mappings.forPlane(z, t);
            List<float[]> image = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                image.add(PlaneAccesses.read(PlaneAccesses.mapped(in.plane(c, z, t), mapping.inputMaps().get(c))));
            }
            for (boolean diagonalMode : new boolean[] { false, true }) {
                List<PlaneAccess> reduced = new ArrayList<>();
                for (float[] pixels : image) {
                    reduced.add(PlaneAccesses.floats(reduce(pixels, w, reducedWidth, reducedHeight, scale,
                            diagonalMode), reducedWidth, reducedHeight));
                }
                int outWidth = reducedWidth * scale;
                int outHeight = reducedHeight * scale;
                List<float[]> results = new ArrayList<>();
                List<PlaneAccess> outputs = new ArrayList<>();
                for (int c = 0; c < 2 * channels; c++) {
                    float[] pixels = new float[outWidth * outHeight];
                    results.add(pixels);
                    outputs.add(PlaneAccesses.floats(pixels, outWidth, outHeight));
                }
                processor.processPlane(extraInputs.apply(reduced), outputs, LinearMap.IDENTITY, LinearMap.IDENTITY,
                        pair, new Predictor.PlaneMonitor(monitor, done, total));
                done += perRun;
                Sums sums = diagonalMode ? diagonal : area;
                for (int c = 0; c < channels; c++) {
                    sums.add(image.get(c), w, results.get(c), results.get(channels + c), outWidth, outHeight, scale,
                            diagonalMode);
                }
            }
        }
        if (area.correction == 0 && diagonal.correction == 0) {
            return 1;
        }
        return Math.max(0, Math.min(1, Math.max(area.share(), diagonal.share())));
    }

    /** Up to {@link #MAX_PLANES} plane indices spread evenly over {@code count}. */
    static int[] fittedPlanes(int count) {
        int n = Math.min(count, MAX_PLANES);
        int[] planes = new int[n];
        for (int k = 0; k < n; k++) {
            planes[k] = (int) ((2L * k + 1) * count / (2L * n));
        }
        return planes;
    }

    /**
     * The image reduced by {@code scale}: each block's mean, or the mean of its diagonal pixels (whose centre is the
     * block's, so both reductions lie on the same grid).
     */
    static float[] reduce(float[] image, int width, int reducedWidth, int reducedHeight, int scale,
            boolean diagonal) {
        float[] out = new float[reducedWidth * reducedHeight];
        for (int y = 0; y < reducedHeight; y++) {
            for (int x = 0; x < reducedWidth; x++) {
                double sum = 0;
                for (int i = 0; i < scale; i++) {
                    for (int j = 0; j < scale; j++) {
                        if (!diagonal || i == j) {
                            sum += image[(y * scale + i) * width + x * scale + j];
                        }
                    }
                }
                out[y * reducedWidth + x] = (float) (sum / (diagonal ? scale : scale * scale));
            }
        }
        return out;
    }

    /** Sums of the least-squares fit of the image by bicubic plus a share of the correction. */
    private static final class Sums {

        double agreement;
        double correction;

        /** Adds the pixels of one channel (for the diagonal reduction, only those it did not see). */
        void add(float[] image, int width, float[] network, float[] bicubic, int outWidth, int outHeight, int scale,
                boolean diagonal) {
            for (int y = 0; y < outHeight; y++) {
                for (int x = 0; x < outWidth; x++) {
                    if (diagonal && y % scale == x % scale) {
                        continue;
                    }
                    int i = y * outWidth + x;
                    double d = network[i] - bicubic[i];
                    agreement += d * (image[y * width + x] - bicubic[i]);
                    correction += d * d;
                }
            }
        }

        double share() {
            return correction > 0 ? agreement / correction : 0;
        }
    }
}
