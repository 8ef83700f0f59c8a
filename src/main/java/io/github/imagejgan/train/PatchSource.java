package io.github.imagejgan.train;

import java.util.Map;

import io.github.imagejgan.model.ModelDescriptor;

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

    /**
     * How the model made from this data maps images to network values and back: percentile normalization of each
     * image, unless the data says otherwise.
     */
    default ModelDescriptor.Normalization normalization() {
        return ModelDescriptor.Normalization.DEFAULT;
    }

    /** Distance between the slices of 2.5D samples in pixel widths, or 0 for samples of single planes. */
    default double sliceSpacing() {
        return 0;
    }

    /** Parameters of the degradation that made the inputs, or an empty map. */
    default Map<String, Object> degradation() {
        return Map.of();
    }
}
