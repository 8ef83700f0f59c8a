package io.github.imagejgan.predict;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import io.github.imagejgan.image.Axis;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImageMetadata;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.LinearResampling;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.UnsupportedImageException;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Isotropic restoration of an anisotropic z-stack (CARE's IsoNet, Weigert et al. 2017): the stack is resampled along z
 * to square voxels by linear interpolation, a model trained on the stack's own lateral slices
 * ({@code degrade.AxialUndersampling}) restores its XZ views and its YZ views (rows are z in both), and the two
 * results are fused voxel by voxel with the geometric mean, which keeps what both views agree on and damps what only
 * one of them shows (where a value is not positive, the arithmetic mean). Each channel and time point is a volume of its own.
 *
 * <p>Memory: the resampled volume and the two restored ones, 32-bit, besides the input and the result.
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
        if (spacing == 0 || spacing == 1 || spacing / factor <= Operation.SPACING_TOLERANCE
                && factor / spacing <= Operation.SPACING_TOLERANCE) {
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
        HyperImage<?> out = ImagePlusImages.wrap(result);
        int volumes = in.channels() * in.frames();
        for (int t = 0; t < in.frames(); t++) {
            for (int c = 0; c < in.channels(); c++) {
                int done = t * in.channels() + c;
                restore(in, c, t, out, options, stage(monitor, done, volumes));
            }
        }
        result.resetDisplayRange();
        return result;
    }

    private void restore(HyperImage<?> in, int c, int t, HyperImage<?> out, PredictionOptions options,
            TaskMonitor monitor) {
        PlanarImg<FloatType, FloatArray> volume = upsampled(in, c, t);
        PlanarImg<FloatType, FloatArray> fromXz = PlanarImgs.floats(in.width(), in.height(), volume.dimension(2));
        PlanarImg<FloatType, FloatArray> fromYz = PlanarImgs.floats(in.width(), in.height(), volume.dimension(2));
        ImageMetadata metadata = ImageMetadata.untitled(in.metadata().title());
        // NB: the volume's axes are x, y, z; labelled so that z becomes the rows of each view and the other lateral
        // axis the index of the view, the predictor meets plain 2D planes whose rows are z.
        List<Axis> xz = List.of(Axis.X, Axis.Z, Axis.Y);
        List<Axis> yz = List.of(Axis.Z, Axis.X, Axis.Y);
        predictor.run(HyperImage.wrap(volume, xz, metadata), null, HyperImage.wrap(fromXz, xz, metadata), options,
                half(monitor, 0));
        predictor.run(HyperImage.wrap(volume, yz, metadata), null, HyperImage.wrap(fromYz, yz, metadata), options,
                half(monitor, 1));
        FloatBuffer row = FloatBuffer.allocate(in.width());
        for (int z = 0; z < volume.dimension(2); z++) {
            float[] a = fromXz.getPlane(z).getCurrentStorageArray();
            float[] b = fromYz.getPlane(z).getCurrentStorageArray();
            PlaneAccess target = out.plane(c, z, t);
            for (int y = 0; y < in.height(); y++) {
                for (int x = 0; x < in.width(); x++) {
                    int i = y * in.width() + x;
                    row.put(x, fuse(a[i], b[i]));
                }
                target.writeRow(y, 0, in.width(), row, 0, LinearMap.IDENTITY);
            }
        }
    }

    /** The geometric mean of two restorations of one voxel; the arithmetic mean where one is not positive. */
    static float fuse(float a, float b) {
        return a > 0 && b > 0 ? (float) Math.sqrt((double) a * b) : (a + b) / 2;
    }

    /**
     * Channel {@code c} at time {@code t} resampled along z by linear interpolation: slice k lands on
     * {@code factor * k}, and the slices after the last one repeat it.
     */
    PlanarImg<FloatType, FloatArray> upsampled(HyperImage<?> in, int c, int t) {
        int depth = in.slices() * factor;
        PlanarImg<FloatType, FloatArray> volume = PlanarImgs.floats(in.width(), in.height(), depth);
        LinearResampling grid = new LinearResampling(in.slices(), factor, 0, depth);
        float[][] slices = new float[in.slices()][];
        for (int z = 0; z < in.slices(); z++) {
            slices[z] = read(in.plane(c, z, t));
        }
        for (int z = 0; z < depth; z++) {
            float[] lower = slices[grid.lower(z)];
            float[] upper = slices[grid.upper(z)];
            float w = grid.weight(z);
            float[] plane = volume.getPlane(z).getCurrentStorageArray();
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (1 - w) * lower[i] + w * upper[i];
            }
        }
        return volume;
    }

    private static float[] read(PlaneAccess plane) {
        FloatBuffer values = FloatBuffer.allocate(plane.width() * plane.height());
        for (int y = 0; y < plane.height(); y++) {
            plane.readRow(y, 0, plane.width(), values, y * plane.width(), LinearMap.IDENTITY);
        }
        return values.array();
    }

    /** Progress of volume {@code index} of {@code count}, as a share of the whole run. */
    private static TaskMonitor stage(TaskMonitor monitor, int index, int count) {
        return new TaskMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                monitor.progress((long) index * total + done, (long) count * total, message);
            }

            @Override
            public boolean isCancelled() {
                return monitor.isCancelled();
            }
        };
    }

    private static TaskMonitor half(TaskMonitor monitor, int which) {
        String view = which == 0 ? "XZ views" : "YZ views";
        return new TaskMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                monitor.progress((long) which * total + done, 2 * total, "Restoring " + view + ": " + message);
            }

            @Override
            public boolean isCancelled() {
                return monitor.isCancelled();
            }
        };
    }
}
