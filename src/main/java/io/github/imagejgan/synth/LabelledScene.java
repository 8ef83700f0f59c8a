package io.github.imagejgan.synth;

import java.util.Objects;

import io.github.imagejgan.task.UserException;

/**
 * A rendered phantom and its instance labels, both row by row.
 *
 * @param image  the clean image, in the phantom's own units
 * @param labels for each pixel the id of the object it shows, 0 for background
 * @param width  image width in pixels
 * @param height image height in pixels
 */
public record LabelledScene(float[] image, int[] labels, int width, int height) {

    public LabelledScene {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(labels, "labels");
        if (image.length != width * height || labels.length != image.length) {
            throw new UserException("A " + width + "x" + height + " scene needs " + width * height + " pixels and as "
                    + "many labels, got " + image.length + " and " + labels.length);
        }
    }

    /** The largest id. */
    public int largestId() {
        int largest = 0;
        for (int id : labels) {
            largest = Math.max(largest, id);
        }
        return largest;
    }
}
