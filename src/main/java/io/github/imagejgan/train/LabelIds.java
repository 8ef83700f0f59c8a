package io.github.imagejgan.train;

import java.nio.FloatBuffer;

import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;

/** Checks on label images: whole, non-negative ids, and how many classes they hold. */
final class LabelIds {

    /** Far more classes than a semantic label image has; a larger id is an instance label, not a class. */
    static final int MAX_CLASSES = 256;

    private LabelIds() {
    }

    /**
     * The largest id of the label images, every value checked.
     *
     * @throws TrainingDataException naming the file and pixel, for a value that is not a whole number from 0 on
     */
    static int largestId(TrainingFolder labels) {
        int largest = 0;
        for (TrainingSample sample : labels.samples()) {
            largest = Math.max(largest, largestId(sample));
        }
        return largest;
    }

    /**
     * The number of classes of semantic labels whose largest id is {@code largest}: that id plus one, at least 2.
     *
     * @throws TrainingDataException for more classes than {@value #MAX_CLASSES}
     */
    static int classes(int largest) {
        if (largest >= MAX_CLASSES) {
            throw new TrainingDataException("The label images hold id " + largest + ", more than " + MAX_CLASSES
                    + " classes: for instance labels (each object its own id), choose instance labels.");
        }
        return Math.max(2, largest + 1);
    }

    /** The largest id of one label image, every value checked. */
    private static int largestId(TrainingSample sample) {
        PlaneAccess plane = sample.channels().get(0);
        int w = plane.width();
        FloatBuffer row = FloatBuffer.allocate(w);
        int largest = 0;
        for (int y = 0; y < plane.height(); y++) {
            plane.readRow(y, 0, w, row, 0, LinearMap.IDENTITY);
            for (int x = 0; x < w; x++) {
                float v = row.get(x);
                if (!(v >= 0) || v != Math.rint(v)) {
                    throw new TrainingDataException("Label image " + sample.name() + " has the value " + v + " at ("
                            + x + ", " + y + "): labels must be whole numbers from 0 (background) on.");
                }
                largest = Math.max(largest, (int) Math.min(v, Integer.MAX_VALUE));
            }
        }
        return largest;
    }
}
