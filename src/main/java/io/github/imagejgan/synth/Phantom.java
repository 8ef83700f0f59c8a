package io.github.imagejgan.synth;

import java.util.Map;

/**
 * A synthetic image with known ground truth, rendered deterministically from a seed: the same seed always gives
 * the same pixels, a different seed a different scene of the same kind.
 */
public interface Phantom {

    int width();

    int height();

    /** The clean image, row by row ({@code width * height} values), in the phantom's own units. */
    float[] render(long seed);

    /** How the values are best stored in an image file (bit depth, offset, unit). */
    PixelEncoding encoding();

    /**
     * The settings, for training provenance: a {@code "type"} entry plus one entry per setting, with values that are
     * strings, numbers, booleans, lists or maps of those.
     */
    Map<String, Object> describe();
}
