package io.github.imagejgan.degrade;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;

/**
 * A degraded image and, for inpainting, which of its pixels are missing.
 *
 * @param image  row-major pixels
 * @param width  may differ from the clean image's width (downsampling)
 * @param height may differ from the clean image's height
 * @param mask   1 where a pixel is missing, 0 elsewhere, same size as the image; null when nothing is missing
 */
public record Degraded(float[] image, int width, int height, byte[] mask) {

    public Degraded {
        Objects.requireNonNull(image, "image");
        PlaneAccesses.requireSize(image, width, height);
        if (mask != null && mask.length != image.length) {
            throw new UserException("The mask has " + mask.length + " pixels, the image " + image.length);
        }
    }

    /** A degraded image in which no pixel is missing. */
    public Degraded(float[] image, int width, int height) {
        this(image, width, height, null);
    }

    /** The missing-pixel mask, if this degradation removed pixels. */
    public Optional<byte[]> missing() {
        return Optional.ofNullable(mask);
    }

    /** The same mask with another image of the same size. */
    Degraded withImage(float[] newImage, int newWidth, int newHeight) {
        if (mask != null && (newWidth != width || newHeight != height)) {
            throw new UserException("A step after a mask changed the image size from " + width + "x"
                    + height + " to " + newWidth + "x" + newHeight + ": apply the mask after resizing steps");
        }
        return new Degraded(newImage, newWidth, newHeight, mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Degraded d && width == d.width && height == d.height && Arrays.equals(image, d.image)
                && Arrays.equals(mask, d.mask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(image) + Arrays.hashCode(mask);
    }

    @Override
    public String toString() {
        return "Degraded[" + width + "x" + height + (mask == null ? "" : ", with mask") + "]";
    }
}
