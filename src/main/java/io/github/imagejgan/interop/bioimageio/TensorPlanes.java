package io.github.imagejgan.interop.bioimageio;

import java.nio.FloatBuffer;
import java.util.Arrays;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImageMetadata;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.task.UserException;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One 2D sample as channel planes, converted from and to arrays of any layout over b, c, y, x (the test tensors of
 * bioimage.io models), and to and from images of the image path.
 *
 * @param channels number of planes
 * @param height   rows per plane
 * @param width    columns per plane
 * @param planes   the values of each channel, row by row
 */
record TensorPlanes(int channels, int height, int width, float[][] planes) {

    /**
     * Reads a one-sample array whose axes are the given letters.
     *
     * @throws ModelFormatException if its dimensions do not match the axes, or it holds more than one sample
     */
    static TensorPlanes of(NpyArray array, String axes, String name) {
        long[] shape = array.shape();
        if (shape.length != axes.length()) {
            throw new ModelFormatException(name + " has shape " + Arrays.toString(shape) + ", which does not fit "
                    + "axes '" + axes + "'.");
        }
        int b = axes.indexOf('b');
        if (b >= 0 && shape[b] != 1) {
            throw new ModelFormatException(name + " holds " + shape[b] + " samples; expected one.");
        }
        int c = axes.indexOf('c');
        int channels = c < 0 ? 1 : (int) shape[c];
        int height = (int) shape[axes.indexOf('y')];
        int width = (int) shape[axes.indexOf('x')];
        long[] strides = strides(shape);
        float[][] planes = new float[channels][height * width];
        for (int ch = 0; ch < channels; ch++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    planes[ch][y * width + x] = array.values()[(int) index(axes, strides, ch, y, x)];
                }
            }
        }
        return new TensorPlanes(channels, height, width, planes);
    }

    /** The first plane set (slice 0, frame 0) of an image. */
    static TensorPlanes of(HyperImage<?> image) {
        float[][] planes = new float[image.channels()][image.width() * image.height()];
        FloatBuffer row = FloatBuffer.allocate(image.width());
        for (int c = 0; c < image.channels(); c++) {
            PlaneAccess plane = image.plane(c, 0, 0);
            for (int y = 0; y < image.height(); y++) {
                plane.readRow(y, 0, image.width(), row, 0, LinearMap.IDENTITY);
                row.get(0, planes[c], y * image.width(), image.width());
            }
        }
        return new TensorPlanes(image.channels(), image.height(), image.width(), planes);
    }

    /** An array of these planes with the given axes (batch and channel of size 1 where present). */
    NpyArray toArray(String axes) {
        long[] shape = new long[axes.length()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = switch (axes.charAt(i)) {
            case 'b' -> 1;
            case 'c' -> channels;
            case 'y' -> height;
            case 'x' -> width;
            default -> throw new UserException("Axis " + axes.charAt(i));
            };
        }
        if (axes.indexOf('c') < 0 && channels != 1) {
            throw new UserException(channels + " channels need a c axis");
        }
        long[] strides = strides(shape);
        float[] values = new float[channels * height * width];
        for (int ch = 0; ch < channels; ch++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    values[(int) index(axes, strides, ch, y, x)] = planes[ch][y * width + x];
                }
            }
        }
        return new NpyArray(shape, values);
    }

    /** A new 32-bit image of these planes. */
    HyperImage<FloatType> toImage(String title) {
        HyperImage<FloatType> image = HyperImage.createFloat(width, height, channels, 1, 1,
                ImageMetadata.untitled(title));
        FloatBuffer row = FloatBuffer.allocate(width);
        for (int c = 0; c < channels; c++) {
            PlaneAccess plane = image.plane(c, 0, 0);
            for (int y = 0; y < height; y++) {
                row.put(0, planes[c], y * width, width);
                plane.writeRow(y, 0, width, row, 0, LinearMap.IDENTITY);
            }
        }
        return image;
    }

    /** The largest absolute difference to other planes of the same size. */
    double maxDifference(TensorPlanes other) {
        if (channels != other.channels || height != other.height || width != other.width) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < planes[c].length; i++) {
                max = Math.max(max, Math.abs(planes[c][i] - other.planes[c][i]));
            }
        }
        return max;
    }

    /** The largest absolute value. */
    double maxAbs() {
        double max = 0;
        for (float[] plane : planes) {
            for (float v : plane) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    private static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    private static long index(String axes, long[] strides, int c, int y, int x) {
        long i = 0;
        int ci = axes.indexOf('c');
        if (ci >= 0) {
            i += c * strides[ci];
        }
        return i + y * strides[axes.indexOf('y')] + x * strides[axes.indexOf('x')];
    }
}
