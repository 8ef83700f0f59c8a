package io.github.imagejgan.train;

/**
 * How a denoiser learns from noisy images alone: by blind spots ({@link BlindSpot}, Noise2Void) or by pairs of
 * neighbouring pixels ({@link NeighbourPairs}, Neighbor2Neighbor). Both need noise that is independent from pixel to
 * pixel.
 */
public sealed interface SelfSupervision permits BlindSpot, NeighbourPairs {

    /** The short name of the scheme, as model packages record it. */
    String type();

    /** The text {@link #parse} reads back. */
    String spec();

    /**
     * The scheme a short text names: {@value NeighbourPairs#NAME} (optionally {@code ,gamma=G}) for neighbour pairs,
     * anything else the blind-spot masking ({@link BlindSpot#parse}; null or blank: the default masking).
     *
     * @throws TrainingSettingsException naming what is wrong
     */
    static SelfSupervision parse(String spec) {
        if (spec != null && spec.trim().startsWith(NeighbourPairs.NAME)) {
            return NeighbourPairs.parse(spec);
        }
        return BlindSpot.parse(spec);
    }
}
