package io.github.imagejgan.interop.bioimageio;

import ij.ImagePlus;
import io.github.imagejgan.degrade.MaskShape;
import io.github.imagejgan.degrade.RandomMask;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.interop.ExportException;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;

/**
 * The test input of an exported model: bioimage.io tools check a model by running it on this input and comparing
 * with the test output, and show both as its example, so it comes from the model's own domain. That is the centre of
 * an image the user gives (at most {@value #LARGEST} pixels a side, to keep the archive small); without one, a
 * synthetic image of the model's domain ({@link DomainImage}). An inpainting model also gets a mask: seeded boxes
 * over {@value #HOLES} of the image, whose pixels are set to the image's lowest value so that the holes show.
 */
final class TestInput {

    /** The largest test input edge taken from a given image, unless the model takes only larger sizes. */
    static final int LARGEST = 256;
    /** The smallest edge of a synthetic test input, so that it shows structure. */
    static final int SYNTHETIC = 128;
    /** The missing fraction of an inpainting test input. */
    static final double HOLES = 0.08;

    /**
     * A test sample.
     *
     * @param image the image input
     * @param mask  for an inpainting model, 1 where a pixel is missing and 0 elsewhere; null otherwise
     */
    record Sample(TensorPlanes image, TensorPlanes mask) {
    }

    private TestInput() {
    }

    /**
     * @param image an image of the model's domain, or null
     * @param model the model, for its channels, task and domain
     * @param y     the sizes the model takes along y
     * @param x     the sizes the model takes along x
     * @throws ExportException if the image has other channels than the model, or is smaller than it needs
     */
    static Sample of(ImagePlus image, ModelDescriptor model, SizeRule y, SizeRule x) {
        int channels = model.imageChannels();
        TensorPlanes planes = image == null ? DomainImage.render(model, channels, x.smallestFrom(SYNTHETIC),
                y.smallestFrom(SYNTHETIC)) : centre(image, channels, y, x);
        return model.task() == ModelTask.INPAINT ? withHoles(planes) : new Sample(planes, null);
    }

    private static TensorPlanes centre(ImagePlus image, int channels, SizeRule y, SizeRule x) {
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

    private static Sample withHoles(TensorPlanes planes) {
        int w = planes.width();
        int h = planes.height();
        byte[] holes = new RandomMask(MaskShape.BOXES, HOLES, HOLES, 0).apply(planes.planes()[0], w, h, 23).mask();
        float[][] image = new float[planes.channels()][];
        float[] mask = new float[w * h];
        for (int c = 0; c < planes.channels(); c++) {
            image[c] = planes.planes()[c].clone();
            float lowest = Float.POSITIVE_INFINITY;
            for (float v : image[c]) {
                lowest = Math.min(lowest, v);
            }
            for (int i = 0; i < mask.length; i++) {
                if (holes[i] != 0) {
                    image[c][i] = lowest;
                    mask[i] = 1;
                }
            }
        }
        return new Sample(new TensorPlanes(planes.channels(), h, w, image),
                new TensorPlanes(1, h, w, new float[][] { mask }));
    }
}
