package io.github.imagejgan.predict;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImageMetadata;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.LinearResampling;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.TileFunction;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.image.UnsupportedImageException;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * Isotropic restoration of an anisotropic z-stack (CARE's IsoNet, Weigert et al. 2017): the stack is resampled along z
 * to square voxels by linear interpolation, a model trained on the stack's own lateral slices
 * ({@code degrade.AxialUndersampling}) restores its XZ views and its YZ views (rows are z in both), and the two
 * results are fused voxel by voxel with the geometric mean, which keeps what both views agree on and damps what only
 * one of them shows (where a value is not positive, the arithmetic mean). Each channel and time point is a volume of
 * its own.
 *
 * <p>Memory: the result, and the stack's slices of one channel and time point as 32-bit values (half the
 * result at most); the views are interpolated from those slices and written into the result row by row.
 */
public final class IsotropicRestoration {

    /** Most new slices for each one: as far as a network learns to fill in. */
    public static final int MAX_FACTOR = 16;

    /**
     * The type of training degradation that records an isotropic-restoration model's factor
     * ({@code degrade.AxialUndersampling.TYPE}; prediction does not depend on degradations).
     */
    public static final String AXIAL = "axial";

    private final Predictor predictor;
    private final int factor;

    /**
     * @param predictor an isotropic-restoration model of single-channel planes
     * @param factor    the stack's slice spacing in pixel widths: each slice becomes {@code factor} slices
     */
    public IsotropicRestoration(Predictor predictor, int factor) {
        if (predictor.descriptor().task() != ModelTask.ISOTROPIC) {
            throw new UserException("Model '" + predictor.descriptor().name() + "' is a "
                    + predictor.descriptor().task().id() + " model; Make Isotropic needs an isotropic-restoration "
                    + "model (trained by Make Isotropic itself).");
        }
        if (predictor.descriptor().imageChannels() != 1) {
            throw new UserException("Isotropic restoration runs models of single-channel planes; model '"
                    + predictor.descriptor().name() + "' takes " + predictor.descriptor().imageChannels() + ".");
        }
        if (factor < 2 || factor > MAX_FACTOR) {
            throw new UserException("The slice spacing must be 2 to " + MAX_FACTOR + " pixel widths, got " + factor
                    + ".");
        }
        this.predictor = predictor;
        this.factor = factor;
    }

    /**
     * The slice spacing, in pixel widths, that an isotropic-restoration model learned to restore: the factor of the
     * axial degradation in its provenance.
     *
     * @throws UserException if the model is not for isotropic restoration or does not record its factor
     */
    public static int factorOf(ModelDescriptor model) {
        Object type = model.provenance().degradation().get("type");
        Object factor = model.provenance().degradation().get("factor");
        if (model.task() != ModelTask.ISOTROPIC || !AXIAL.equals(type)
                || !(factor instanceof Number n)) {
            throw new UserException("Model '" + model.name() + "' does not record the slice spacing it restores "
                    + "(the factor of an '" + AXIAL + "' training degradation); train it with Make "
                    + "Isotropic.");
        }
        return n.intValue();
    }

    /**
     * A warning when the stack's calibration puts its slices much closer or farther apart (in pixel widths) than the
     * spacing the model restores; null when they fit or the stack is not calibrated.
     */
    static String spacingWarning(ModelDescriptor model, ImagePlus stack) {
        double spacing = ImagePlusImages.metadataOf(stack).sliceSpacing();
        int factor = factorOf(model);
        if (spacing == 0 || spacing == 1 || Operation.withinTolerance(spacing, factor)) {
            return null;
        }
        return String.format(Locale.ROOT, "Warning: model '%s' restores stacks whose slices are %d pixel widths "
                + "apart; the calibration of %s puts its slices %.3g apart. The result has %d slices for each one "
                + "either way; check Image › Properties… or train a model for this stack.", model.name(), factor,
                stack.getTitle(), spacing, factor);
    }

    /** The isotropic stack of {@code stack} (32-bit, slice spacing divided by the factor); the input is unchanged. */
    public ImagePlus run(ImagePlus stack, PredictionOptions options, TaskMonitor monitor) {
        HyperImage<?> in = ImagePlusImages.wrap(stack);
        if (in.slices() < 2) {
            throw new UnsupportedImageException(stack.getTitle() + " has a single slice; isotropic restoration needs "
                    + "a z-stack (Image › Properties… sets the number of slices and frames).");
        }
        ImageMetadata metadata = in.metadata();
        ImageMetadata isotropic = new ImageMetadata(Predictor.baseTitle(metadata.title()) + "-isotropic",
                metadata.pixelWidth(), metadata.pixelHeight(), metadata.pixelDepth() / factor, metadata.unit(),
                metadata.frameInterval(), metadata.timeUnit(), metadata.info());
        ImagePlus result = ImagePlusImages.create(32, in.width(), in.height(), in.channels(), in.slices() * factor,
                in.frames(), isotropic);
        GradientMode.disableOnThisThread();
        TiledProcessor processor = predictor.processor(options);
        long views = (long) in.channels() * in.frames() * (in.width() + in.height());
        long perView = Math.max(processor.tileCount(in.width(), in.slices() * factor),
                processor.tileCount(in.height(), in.slices() * factor));
        long done = 0;
        for (int c = 0; c < in.channels(); c++) {
            // NB: the stack's own percentiles, one scale for all its views (interpolation adds no new extremes).
            ValueMapping.PerPlane mappings = ValueMapping.fit(predictor.descriptor().normalization(),
                    in.withChannels(c), 1);
            for (int t = 0; t < in.frames(); t++) {
                Volume volume = new Volume(in, result, c, t);
                ValueMapping mapping = mappings.forPlane(0, t);
                TileFunction network = predictor.network(mapping, options.ensemble());
                LinearMap toNetwork = mapping.inputMaps().get(0);
                List<PlaneAccess> planes = new ArrayList<>();
                for (int y = 0; y < in.height(); y++) {
                    planes.add(volume.xz(y));
                }
                // NB: after every XZ view, since the YZ views fuse their values with what those wrote.
                for (int x = 0; x < in.width(); x++) {
                    planes.add(volume.yz(x));
                }
                for (PlaneAccess view : planes) {
                    processor.processPlane(List.of(PlaneAccesses.mapped(view, toNetwork)), List.of(view),
                            LinearMap.IDENTITY, mapping.outputMap(), network, new Predictor.PlaneMonitor(monitor,
                                    done++ * perView, views * perView));
                }
            }
        }
        result.resetDisplayRange();
        return result;
    }

    /** The geometric mean of two restorations of one voxel; the arithmetic mean where one is not positive. */
    static float fuse(float a, float b) {
        return a > 0 && b > 0 ? (float) Math.sqrt((double) a * b) : (a + b) / 2;
    }

    /**
     * One channel and time point of the stack and of the result, seen as XZ and YZ views whose rows are z: read,
     * the stack linearly interpolated along z (slice k at {@code factor * k}, the slices after the last one repeating
     * it); written, the result. An XZ view writes its values, a YZ view fuses its values with them; nothing is held
     * but the two images, so the memory is the stack's and the result's.
     */
    private final class Volume {

        /** The stack's slices of this channel and time point, 32-bit, row by row (half the result or less). */
        private final List<float[]> slices = new ArrayList<>();
        /** The result's planes of this channel and time point, 32-bit, row by row. */
        private final List<float[]> results = new ArrayList<>();
        private final LinearResampling grid;
        private final int width;
        private final int height;

        Volume(HyperImage<?> in, ImagePlus result, int c, int t) {
            for (int z = 0; z < in.slices(); z++) {
                PlaneAccess plane = in.plane(c, z, t);
                FloatBuffer values = FloatBuffer.allocate(plane.width() * plane.height());
                for (int y = 0; y < plane.height(); y++) {
                    plane.readRow(y, 0, plane.width(), values, y * plane.width(), LinearMap.IDENTITY);
                }
                slices.add(values.array());
            }
            for (int z = 0; z < result.getNSlices(); z++) {
                results.add((float[]) result.getStack().getPixels(result.getStackIndex(c + 1, z + 1, t + 1)));
            }
            grid = new LinearResampling(in.slices(), factor, 0, result.getNSlices());
            width = in.width();
            height = in.height();
        }

        /** The view at row {@code y}: x across, z down. */
        PlaneAccess xz(int y) {
            return new View(width, y * width, 1, false);
        }

        /** The view at column {@code x}: y across, z down; writing fuses with what the XZ views wrote. */
        PlaneAccess yz(int x) {
            return new View(height, x, width, true);
        }

        /**
         * A view of {@code across} pixels by the result's depth: the line of slice pixels {@code first},
         * {@code first + step}, ..., read by interpolating between two slices and written into the result (or fused
         * with what is there).
         */
        private final class View implements PlaneAccess {

            private final int across;
            private final int first;
            private final int step;
            private final boolean fusing;

            View(int across, int first, int step, boolean fusing) {
                this.across = across;
                this.first = first;
                this.step = step;
                this.fusing = fusing;
            }

            @Override
            public int width() {
                return across;
            }

            @Override
            public int height() {
                return results.size();
            }

            @Override
            public int integerLevels() {
                return 0;
            }

            @Override
            public void readRow(int z, int u0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
                float[] lower = slices.get(grid.lower(z));
                float[] upper = slices.get(grid.upper(z));
                float w = grid.weight(z);
                for (int k = 0; k < n; k++) {
                    int i = first + (u0 + k) * step;
                    dst.put(dstIndex + k, map.apply((1 - w) * lower[i] + w * upper[i]));
                }
            }

            @Override
            public void writeRow(int z, int u0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
                float[] plane = results.get(z);
                for (int k = 0; k < n; k++) {
                    int i = first + (u0 + k) * step;
                    float value = map.apply(src.get(srcIndex + k));
                    plane[i] = fusing ? fuse(plane[i], value) : value;
                }
            }
        }
    }
}
