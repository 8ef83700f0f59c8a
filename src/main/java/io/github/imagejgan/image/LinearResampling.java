package io.github.imagejgan.image;

import io.github.imagejgan.task.UserException;

/**
 * Linear interpolation of {@code samples} values taken every {@code factor} positions from {@code phase} onto
 * all {@code length} positions; positions before the first sample or after the last take its value.
 */
public record LinearResampling(int samples, int factor, int phase, int length) {

    public LinearResampling {
        if (samples < 1 || factor < 1 || phase < 0 || length < 1) {
            throw new UserException("Invalid interpolation grid: " + samples + " samples every " + factor
                    + " from " + phase + " onto " + length);
        }
    }

    /** The sample at or before position {@code i}. */
    public int lower(int i) {
        return Math.max(0, Math.min(samples - 1, Math.floorDiv(i - phase, factor)));
    }

    /** The sample after position {@code i} (the same as {@link #lower} at and beyond the ends). */
    public int upper(int i) {
        return Math.min(samples - 1, lower(i) + (i - phase > lower(i) * factor ? 1 : 0));
    }

    /** The weight of {@link #upper} at position {@code i}. */
    public float weight(int i) {
        int low = lower(i);
        int up = upper(i);
        return up == low ? 0 : (float) (i - phase - low * factor) / factor;
    }
}
