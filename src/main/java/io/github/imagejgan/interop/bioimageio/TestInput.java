package io.github.imagejgan.interop.bioimageio;

import java.util.Random;

import ij.ImagePlus;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.interop.ExportException;

/**
 * The test input of an exported model: bioimage.io tools check a model by running it on this input and comparing
 * with the test output, and show both as its example, so it should come from the model's own domain. That is the
 * centre of an image the user gives (at most {@value #LARGEST} pixels a side, to keep the archive small); without
 * one, a synthetic image of blurred spots in the intensities of a 16-bit camera.
 */
final class TestInput {

    /** The largest test input edge taken from a given image, unless the model takes only larger sizes. */
    static final int LARGEST = 256;
    /** The smallest edge of the synthetic test input, so that it shows structure. */
    private static final int SYNTHETIC = 64;

    private TestInput() {
    }

    /**
     * @param image    an image of the model's domain, or null
     * @param channels the channels the model takes
     * @param y        the sizes the model takes along y
     * @param x        the sizes the model takes along x
     * @throws ExportException if the image has other channels than the model, or is smaller than it needs
     */
    static TensorPlanes of(ImagePlus image, int channels, SizeRule y, SizeRule x) {
        if (image == null) {
            return synthetic(channels, y.smallestFrom(SYNTHETIC), x.smallestFrom(SYNTHETIC));
        }
        TensorPlanes planes = TensorPlanes.of(ImagePlusImages.wrap(image));
        if (planes.channels() != channels) {
            throw new ExportException("The test image " + image.getTitle() + " has " + planes.channels()
                    + " channel(s); the model takes " + channels + ". Give an image with the model's channels.");
        }
        int height = y.largestUpTo(Math.min(planes.height(), Math.max(LARGEST, y.min())));
        int width = x.largestUpTo(Math.min(planes.width(), Math.max(LARGEST, x.min())));
        if (height == 0 || width == 0) {
            throw new ExportException("The test image " + image.getTitle() + " is " + planes.width() + " x "
                    + planes.height() + " pixels; the model needs at least " + x.min() + " x " + y.min()
                    + ". Give a larger image.");
        }
        return centre(planes, height, width);
    }

    private static TensorPlanes centre(TensorPlanes planes, int height, int width) {
        int top = (planes.height() - height) / 2;
        int left = (planes.width() - width) / 2;
        float[][] crop = new float[planes.channels()][height * width];
        for (int c = 0; c < planes.channels(); c++) {
            for (int row = 0; row < height; row++) {
                System.arraycopy(planes.planes()[c], (top + row) * planes.width() + left, crop[c], row * width,
                        width);
            }
        }
        return new TensorPlanes(planes.channels(), height, width, crop);
    }

    /** A seeded image of blurred spots on a background with noise, in the intensities of a 16-bit camera. */
    private static TensorPlanes synthetic(int channels, int height, int width) {
        Random random = new Random(11);
        float[][] planes = new float[channels][height * width];
        int size = Math.max(height, width);
        for (int c = 0; c < channels; c++) {
            double[][] spots = new double[12][];
            for (int s = 0; s < spots.length; s++) {
                spots[s] = new double[] { random.nextDouble() * width, random.nextDouble() * height,
                        2 + random.nextDouble() * size / 10, 300 + 700 * random.nextDouble() };
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = 100 + 20 * random.nextGaussian();
                    for (double[] s : spots) {
                        double r2 = (x - s[0]) * (x - s[0]) + (y - s[1]) * (y - s[1]);
                        v += s[3] * Math.exp(-r2 / (2 * s[2] * s[2]));
                    }
                    planes[c][y * width + x] = (float) v;
                }
            }
        }
        return new TensorPlanes(channels, height, width, planes);
    }
}
