package io.github.imagejgan.train;

import java.util.Map;

/**
 * Training batches as a pure function of the step number: any thread may build any step's batch, and a resumed run
 * sees exactly the batches an uninterrupted one would have seen.
 */
public interface PatchSource {

    /** The batch for step {@code step} (1-based). */
    PatchBatch batch(long step);

    /** Channels of {@link PatchBatch#input()}. */
    int inputChannels();

    /** Channels of {@link PatchBatch#target()}. */
    int targetChannels();

    /** What the data is, for the model's provenance. */
    String description();

    /** Distance between the slices of 2.5D samples in pixel widths, or 0 for samples of single planes. */
    default double sliceSpacing() {
        return 0;
    }

    /** Parameters of the degradation that made the inputs, or an empty map. */
    default Map<String, Object> degradation() {
        return Map.of();
    }
}
