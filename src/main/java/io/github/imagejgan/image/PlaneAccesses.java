package io.github.imagejgan.image;

import java.nio.FloatBuffer;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import io.github.imagejgan.task.UserException;

/**
 * Finds the fastest {@link PlaneAccess} for a plane of an ImgLib2 image: the primitive array itself when the image is
 * an {@link ArrayImg} or {@link PlanarImg} of 8-bit, 16-bit or float pixels with X and Y as its first two
 * dimensions, ImgLib2's {@code PrimitiveBlocks} otherwise.
 */
public final class PlaneAccesses {

    private PlaneAccesses() {
    }

    /**
     * Access to one X/Y plane of {@code image}, whose first two dimensions are X and Y.
     *
     * @param position the position in every further dimension (length {@code numDimensions - 2})
     */
    public static <T extends RealType<T>> PlaneAccess plane(RandomAccessibleInterval<T> image, long... position) {
        int extra = image.numDimensions() - 2;
        if (extra < 0 || position.length != extra) {
            throw new UserException("An image with " + image.numDimensions() + " dimensions needs "
                    + Math.max(0, extra) + " coordinates to select a plane, got " + position.length);
        }
        PlaneAccess direct = arrayPlane(image, position);
        if (direct != null) {
            return direct;
        }
        RandomAccessibleInterval<T> slice = image;
        for (int d = image.numDimensions() - 1; d >= 2; d--) {
            slice = Views.hyperSlice(slice, d, position[d - 2]);
        }
        return new GenericPlane<>(slice);
    }

    /**
     * Checks that a row-major plane of pixels has {@code width} x {@code height} of them (both at least 1).
     *
     * @throws UserException saying how many it needs and has
     */
    public static void requireSize(float[] pixels, int width, int height) {
        if (width < 1 || height < 1 || (long) width * height != pixels.length) {
            throw new UserException("An image of " + width + "x" + height + " needs " + (long) width * height
                    + " pixels, got " + pixels.length);
        }
    }

    /** A 32-bit plane over {@code pixels}, row by row ({@code width} x {@code height} of them; checked). */
    public static PlaneAccess floats(float[] pixels, int width, int height) {
        requireSize(pixels, width, height);
        return new FloatPlane(pixels, width, height, 0);
    }

    /**
     * Plane {@code index} of {@code planes}, planes of {@code width} x {@code height} pixels one after the other (a
     * batch read from a tensor), without copying it.
     */
    public static PlaneAccess floatPlane(float[] planes, int index, int width, int height) {
        long offset = (long) index * width * height;
        if (width < 1 || height < 1 || index < 0 || offset + (long) width * height > planes.length) {
            throw new IllegalArgumentException("No plane " + index + " of " + width + "x" + height + " in "
                    + planes.length + " pixels");
        }
        return new FloatPlane(planes, width, height, (int) offset);
    }

    /** A copy of a whole plane's values, row by row. */
    public static float[] read(PlaneAccess plane) {
        int w = plane.width();
        float[] pixels = new float[w * plane.height()];
        FloatBuffer buffer = FloatBuffer.wrap(pixels);
        for (int y = 0; y < plane.height(); y++) {
            plane.readRow(y, 0, w, buffer, y * w, LinearMap.IDENTITY);
        }
        return pixels;
    }

    /** Writes a whole plane's values, row by row (clamped and rounded to the plane's type as it writes). */
    public static void write(PlaneAccess plane, float[] pixels) {
        int w = plane.width();
        requireSize(pixels, w, plane.height());
        FloatBuffer buffer = FloatBuffer.wrap(pixels);
        for (int y = 0; y < plane.height(); y++) {
            plane.writeRow(y, 0, w, buffer, y * w, LinearMap.IDENTITY);
        }
    }

    /**
     * A view of {@code plane} whose values are {@code map} applied to the plane's own: e.g. a normalized image, or a
     * 0/255 mask seen as 0/1. Writes through the view apply the inverse mapping.
     */
    public static PlaneAccess mapped(PlaneAccess plane, LinearMap map) {
        return map.isIdentity() ? plane : new MappedPlane(plane, map);
    }

    /**
     * The rows {@code y0} to {@code y0 + height - 1} of {@code plane}, as a plane of their own (reads and writes go
     * to the plane).
     *
     * @throws IllegalArgumentException if the rows are not all in the plane
     */
    public static PlaneAccess rows(PlaneAccess plane, int y0, int height) {
        return y0 == 0 && height == plane.height() ? plane : new RowsPlane(plane, y0, height);
    }

    /**
     * NB: PrimitiveBlocks reads these planes too, but through a float array (a converter call per pixel, then a
     * second pass for the value mapping) and only one way: on 4096x4096 16-bit rows it takes about twice as long as
     * one loop over the primitive array (scripts/bench/bridge-throughput.sh), and writes need the loop anyway.
     */
    private static PlaneAccess arrayPlane(RandomAccessibleInterval<?> image, long[] position) {
        if (image.dimension(0) > Integer.MAX_VALUE || image.dimension(1) > Integer.MAX_VALUE) {
            return null;
        }
        int width = (int) image.dimension(0);
        int height = (int) image.dimension(1);
        long planeIndex = 0;
        long stride = 1;
        for (int d = 2; d < image.numDimensions(); d++) {
            long p = position[d - 2] - image.min(d);
            if (p < 0 || p >= image.dimension(d)) {
                throw new IndexOutOfBoundsException("Plane coordinate " + position[d - 2] + " outside dimension " + d);
            }
            planeIndex += p * stride;
            stride *= image.dimension(d);
        }
        Object array;
        long offset;
        Object storage;
        if (image instanceof ArrayImg<?, ?> arrayImg) {
            storage = arrayImg.update(null);
            offset = planeIndex * width * height;
        } else if (image instanceof PlanarImg<?, ?> planar) {
            storage = planar.getPlane((int) planeIndex);
            offset = 0;
        } else {
            return null;
        }
        if (!(storage instanceof ArrayDataAccess<?> access)) {
            return null;
        }
        array = access.getCurrentStorageArray();
        if (offset > Integer.MAX_VALUE) {
            return null;
        }
        Object type = image.getType();
        if (type instanceof UnsignedByteType && array instanceof byte[] bytes) {
            return new UnsignedBytePlane(bytes, width, height, (int) offset);
        }
        if (type instanceof UnsignedShortType && array instanceof short[] shorts) {
            return new UnsignedShortPlane(shorts, width, height, (int) offset);
        }
        if (type instanceof FloatType && array instanceof float[] floats) {
            return new FloatPlane(floats, width, height, (int) offset);
        }
        return null;
    }
}
