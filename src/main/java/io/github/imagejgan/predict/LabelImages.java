package io.github.imagejgan.predict;

import java.nio.FloatBuffer;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.UnsupportedImageException;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.nn.SpadeSpec;

/** What a synthesis model needs of the label image it is given: one channel of whole ids, of its classes. */
final class LabelImages {

    private LabelImages() {
    }

    /**
     * Checks every pixel of the label image.
     *
     * @throws UnsupportedImageException naming the first pixel at fault and what to do
     */
    static void require(HyperImage<?> labels, ModelDescriptor descriptor) {
        if (labels.channels() != 1) {
            throw new UnsupportedImageException("A label image has one channel, this one has " + labels.channels()
                    + ": choose the channel that holds the labels.");
        }
        int classes = classes(descriptor);
        FloatBuffer row = FloatBuffer.allocate(labels.width());
        for (int t = 0; t < labels.frames(); t++) {
            for (int z = 0; z < labels.slices(); z++) {
                PlaneAccess plane = labels.plane(0, z, t);
                for (int y = 0; y < plane.height(); y++) {
                    plane.readRow(y, 0, plane.width(), row, 0, LinearMap.IDENTITY);
                    for (int x = 0; x < plane.width(); x++) {
                        requireId(row.get(x), x, y, classes);
                    }
                }
            }
        }
    }

    /** What {@link #classes} gives for a model of instances, whose ids are any whole numbers. */
    static final int INSTANCES = Integer.MAX_VALUE;

    /** The classes a model of classes paints (ids 0 to classes - 1), or {@link #INSTANCES}. */
    static int classes(ModelDescriptor descriptor) {
        return descriptor.generator() instanceof SpadeSpec spade && !spade.instances() ? spade.classes() : INSTANCES;
    }

    private static void requireId(float v, int x, int y, int classes) {
        if (!(v >= 0) || v != Math.rint(v)) {
            throw new UnsupportedImageException("This is not a label image: it has the value " + v + " at (" + x
                    + ", " + y + "). Labels are whole numbers from 0 (background) on; convert a segmentation to "
                    + "labels first.");
        }
        if (v >= classes) {
            throw new UnsupportedImageException("Label " + (long) v + " at (" + x + ", " + y + ") is not one of "
                    + "the model's classes (0 to " + (classes - 1) + ").");
        }
    }
}
