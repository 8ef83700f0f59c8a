package io.github.imagejgan.image;

import java.io.Serializable;
import java.nio.FloatBuffer;
import java.util.function.Supplier;

/**
 * Statistics of pixels gathered row by row in parts and merged: the unit into which a pass over a large image is split
 * (among threads, tasks or machines), so that each part sees only its own rows and the merged result is the same
 * whatever the split.
 *
 * @param <T> the tally type itself
 */
public interface PixelTally<T extends PixelTally<T>> extends Serializable {

    /** Makes an empty tally; serializable so that other machines can make their own. */
    @FunctionalInterface
    interface Factory<T extends PixelTally<T>> extends Supplier<T>, Serializable {
    }

    /**
     * Looks at the first {@code width} values of {@code row}: row {@code y} of the image's plane number {@code plane}
     * (both counted over the whole image, for messages that say where a value lies).
     */
    void add(FloatBuffer row, int width, int plane, int y);

    /** This tally joined with {@code other}'s pixels; either may be reused for the result. */
    T merge(T other);
}
