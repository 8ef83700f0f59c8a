package io.github.imagejgan.degrade;

import java.util.List;
import java.util.Map;

/**
 * Turns a clean image into the kind of image a network will be asked to restore. Implementations are immutable and
 * deterministic: the same image and seed give the same result.
 */
public interface Degradation {

    /**
     * Degrades a row-major plane of {@code width x height} pixels; the input is never modified.
     *
     * @throws IllegalArgumentException if the pixel count does not match the size, or the size does not suit the
     *                                  degradation (e.g. not a multiple of a downsampling factor)
     */
    Degraded apply(float[] image, int width, int height, long seed);

    /**
     * As {@link #apply(float[], int, int, long)}, with what is drawn at random split in two: the settings (a value from
     * a range, one of several alternatives) from {@code settingsSeed}, the noise from {@code noiseSeed}. The slices of
     * one z-stack are degraded with one settings seed and each its own noise seed: the same noise level, independent
     * noise, as a camera records them. Degradations without random settings use the noise seed.
     */
    default Degraded apply(float[] image, int width, int height, long settingsSeed, long noiseSeed) {
        return apply(image, width, height, noiseSeed);
    }

    /**
     * The parameters, for training provenance: a {@code "type"} entry plus one entry per setting, with values that
     * are strings, numbers, booleans, lists or maps of those (so any JSON writer can store them).
     */
    Map<String, Object> describe();

    /** This degradation followed by {@code next}. */
    default Degradation then(Degradation next) {
        return new DegradationChain(List.of(this, next));
    }
}
