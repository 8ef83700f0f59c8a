package io.github.imagejgan.image;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import io.github.imagejgan.task.UserException;

/**
 * An image seen as planes over the axes X, Y, C, Z, T (ImageJ's hyperstack order), whatever axes it was given with.
 * Missing axes have size 1. Nothing is copied: the canonical view is a lazy permutation of the source, and each
 * plane is reached through the fastest {@link PlaneAccess} available.
 *
 * @param <T> pixel type
 */
public final class HyperImage<T extends RealType<T>> {

    /** Finds the plane at channel c, slice z, frame t. */
    @FunctionalInterface
    interface PlaneProvider {
        PlaneAccess plane(int c, int z, int t);
    }

    private final RandomAccessibleInterval<T> xyczt;
    private final PlaneProvider planes;
    private final ImageMetadata metadata;

    HyperImage(RandomAccessibleInterval<T> xyczt, PlaneProvider planes, ImageMetadata metadata) {
        if (xyczt.numDimensions() != 5) {
            throw new UserException("Expected an X,Y,C,Z,T view, got " + xyczt.numDimensions() + " dims");
        }
        for (int d = 0; d < 5; d++) {
            if (xyczt.dimension(d) > Integer.MAX_VALUE) {
                throw new UnsupportedImageException("Axis " + Axis.values()[d] + " is longer than "
                        + Integer.MAX_VALUE + " pixels; split the image first.");
            }
        }
        this.xyczt = xyczt;
        this.planes = planes;
        this.metadata = metadata;
    }

    /**
     * Wraps an ImgLib2 image whose dimensions have the given axes, in any order. X and Y are required; each axis
     * may appear once.
     */
    public static <T extends RealType<T>> HyperImage<T> wrap(RandomAccessibleInterval<T> image, List<Axis> axes,
            ImageMetadata metadata) {
        if (axes.size() != image.numDimensions()) {
            throw new UnsupportedImageException("The image has " + image.numDimensions() + " dimensions but "
                    + axes.size() + " axes were given (" + axes + ").");
        }
        Set<Axis> seen = EnumSet.noneOf(Axis.class);
        for (Axis a : axes) {
            if (!seen.add(a)) {
                throw new UnsupportedImageException("Axis " + a + " appears twice in " + axes + ".");
            }
        }
        if (!seen.contains(Axis.X) || !seen.contains(Axis.Y)) {
            throw new UnsupportedImageException("An image needs X and Y axes, got " + axes + ".");
        }
        RandomAccessibleInterval<T> zeroMin = Views.zeroMin(image);
        RandomAccessibleInterval<T> canonical = toCanonical(zeroMin, axes);
        boolean xyFirst = axes.get(0) == Axis.X && axes.get(1) == Axis.Y;
        PlaneProvider provider = xyFirst ? sourcePlanes(zeroMin, axes) : canonicalPlanes(canonical);
        return new HyperImage<>(canonical, provider, metadata);
    }

    /** Wraps a 2D image with axes X, Y. */
    public static <T extends RealType<T>> HyperImage<T> wrapXY(RandomAccessibleInterval<T> image, String title) {
        return wrap(image, List.of(Axis.X, Axis.Y), ImageMetadata.untitled(title));
    }

    /** A new planar 32-bit float image of the given size, filled with zeros. */
    public static HyperImage<FloatType> createFloat(long width, long height, long channels, long slices,
            long frames, ImageMetadata metadata) {
        return create(new FloatType(), width, height, channels, slices, frames, metadata);
    }

    /** A new planar image of the given pixel type and size, filled with zeros. */
    public static <T extends RealType<T> & NativeType<T>> HyperImage<T> create(T type, long width, long height,
            long channels, long slices, long frames, ImageMetadata metadata) {
        RandomAccessibleInterval<T> img = new PlanarImgFactory<>(type).create(width, height, channels, slices, frames);
        return wrap(img, List.of(Axis.X, Axis.Y, Axis.C, Axis.Z, Axis.T), metadata);
    }

    private static <T extends RealType<T>> RandomAccessibleInterval<T> toCanonical(RandomAccessibleInterval<T> image,
            List<Axis> axes) {
        List<Axis> order = new ArrayList<>(axes);
        RandomAccessibleInterval<T> view = image;
        for (Axis a : Axis.values()) {
            if (!order.contains(a)) {
                view = Views.addDimension(view, 0, 0);
                order.add(a);
            }
        }
        // Selection sort by axis ordinal, permuting the view along with the list.
        for (int target = 0; target < order.size(); target++) {
            int at = order.indexOf(Axis.values()[target]);
            if (at != target) {
                view = Views.permute(view, at, target);
                order.set(at, order.get(target));
                order.set(target, Axis.values()[target]);
            }
        }
        return view;
    }

    private static <T extends RealType<T>> PlaneProvider sourcePlanes(RandomAccessibleInterval<T> image,
            List<Axis> axes) {
        return (c, z, t) -> {
            long[] position = new long[axes.size() - 2];
            for (int d = 2; d < axes.size(); d++) {
                position[d - 2] = switch (axes.get(d)) {
                    case C -> c;
                    case Z -> z;
                    case T -> t;
                    default -> throw new IllegalStateException("X/Y beyond the first two dimensions");
                };
            }
            return PlaneAccesses.plane(image, position);
        };
    }

    private static <T extends RealType<T>> PlaneProvider canonicalPlanes(RandomAccessibleInterval<T> canonical) {
        return (c, z, t) -> PlaneAccesses.plane(canonical, c, z, t);
    }

    public int width() {
        return (int) xyczt.dimension(0);
    }

    public int height() {
        return (int) xyczt.dimension(1);
    }

    public int channels() {
        return (int) xyczt.dimension(2);
    }

    public int slices() {
        return (int) xyczt.dimension(3);
    }

    public int frames() {
        return (int) xyczt.dimension(4);
    }

    /** The image as a lazy X, Y, C, Z, T view with zero minimum. */
    public RandomAccessibleInterval<T> xyczt() {
        return xyczt;
    }

    public T type() {
        return xyczt.getType();
    }

    public ImageMetadata metadata() {
        return metadata;
    }

    /** Access to the plane at channel c, slice z and frame t (all 0-based). */
    public PlaneAccess plane(int c, int z, int t) {
        checkPlane(c, z, t);
        return planes.plane(c, z, t);
    }

    /** Access to every channel's plane at slice z and frame t, in channel order. */
    public List<PlaneAccess> channelPlanes(int z, int t) {
        List<PlaneAccess> list = new ArrayList<>(channels());
        for (int c = 0; c < channels(); c++) {
            list.add(plane(c, z, t));
        }
        return list;
    }

    /** All planes of the image: every channel, slice and frame. */
    public List<PlaneAccess> allPlanes() {
        List<PlaneAccess> list = new ArrayList<>();
        for (int t = 0; t < frames(); t++) {
            for (int z = 0; z < slices(); z++) {
                list.addAll(channelPlanes(z, t));
            }
        }
        return list;
    }

    /**
     * A view of this image restricted to the given channels, in the given order (e.g. the one channel a
     * single-channel model should see).
     */
    public HyperImage<T> withChannels(int... selected) {
        if (selected.length == 0) {
            throw new UserException("Select at least one channel.");
        }
        List<RandomAccessibleInterval<T>> slices = new ArrayList<>();
        for (int c : selected) {
            if (c < 0 || c >= channels()) {
                throw new UnsupportedImageException("Channel " + (c + 1) + " does not exist: the image has "
                        + channels() + " channel" + (channels() == 1 ? "" : "s") + ".");
            }
            slices.add(Views.hyperSlice(xyczt, 2, c));
        }
        RandomAccessibleInterval<T> stacked = Views.moveAxis(Views.stack(slices), 4, 2);
        int[] chosen = selected.clone();
        return new HyperImage<>(stacked, (c, z, t) -> planes.plane(chosen[c], z, t), metadata);
    }

    /** The same pixels with other metadata. */
    public HyperImage<T> withMetadata(ImageMetadata newMetadata) {
        return new HyperImage<>(xyczt, planes, newMetadata);
    }

    private void checkPlane(int c, int z, int t) {
        if (c < 0 || c >= channels() || z < 0 || z >= slices() || t < 0 || t >= frames()) {
            throw new IndexOutOfBoundsException("Plane (c=" + c + ", z=" + z + ", t=" + t + ") outside image with "
                    + channels() + " channels, " + slices() + " slices, " + frames() + " frames");
        }
    }

    @Override
    public String toString() {
        return "HyperImage[" + metadata.title() + " " + width() + "x" + height() + " C=" + channels() + " Z="
                + slices() + " T=" + frames() + " " + type().getClass().getSimpleName() + "]";
    }
}
