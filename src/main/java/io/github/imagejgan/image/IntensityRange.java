package io.github.imagejgan.image;

import java.io.Serializable;

import io.github.imagejgan.task.UserException;

/**
 * The input values that a normalization maps to 0 and 1.
 *
 * @param low  value mapped to 0
 * @param high value mapped to 1; equal to {@code low} only for a constant image
 */
public record IntensityRange(double low, double high) implements Serializable {

    public IntensityRange {
        if (!Double.isFinite(low) || !Double.isFinite(high) || high < low) {
            throw new UserException("An intensity range needs finite low <= high, got " + low + ", "
                    + high);
        }
    }

    /** @return true when the range is a single value, i.e. the image was constant */
    public boolean isEmpty() {
        return high == low;
    }

    /**
     * Mapping from image values into the network's range. A constant image (empty range) is shifted to 0 without
     * scaling, so it stays constant and comes back unchanged through {@link #denormalizing()}.
     */
    public LinearMap normalizing() {
        return isEmpty() ? new LinearMap((float) low, 1f) : new LinearMap((float) low, (float) (1.0 / (high - low)));
    }

    /** Mapping from the network's range back to image values; the inverse of {@link #normalizing()}. */
    public LinearMap denormalizing() {
        return normalizing().inverse();
    }
}
