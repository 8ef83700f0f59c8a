package io.github.imagejgan.image;

import io.github.imagejgan.task.UserException;

/**
 * The image holds NaN or infinite values, which no normalization or network can handle meaningfully.
 */
public class NonFiniteValuesException extends UserException {

    private final long count;

    public NonFiniteValuesException(long count, String firstLocation) {
        super("The image contains " + count + " NaN or infinite pixel value" + (count == 1 ? "" : "s")
                + " (first at " + firstLocation + "). Replace them first, e.g. with Process > Math > Remove NaNs..., "
                + "then run again.");
        this.count = count;
    }

    /** @return how many non-finite values were found */
    public long count() {
        return count;
    }
}
