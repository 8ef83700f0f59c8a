package io.github.imagejgan.train;

import java.util.Map;
import java.util.SplittableRandom;

import io.github.imagejgan.train.degrade.Degradation;

/**
 * Makes a network input from a clean, normalized training patch: adds noise, blurs and downsamples, or cuts holes.
 * This is how a folder of good images becomes training pairs.
 */
public interface PatchDegradation {

    /**
     * @param clean    {@code channels x size x size} values, normalized (about 0..1)
     * @param random   the only source of randomness, so results are reproducible
     * @return {@code inputChannels(channels) x inputSize(size) x inputSize(size)} values
     */
    float[] degrade(float[] clean, int channels, int size, SplittableRandom random);

    /** Side of the degraded patch (smaller for super-resolution). */
    default int inputSize(int size) {
        return size;
    }

    /** Channels of the degraded patch (one more for inpainting: the mask). */
    default int inputChannels(int channels) {
        return channels;
    }

    /** Name and parameters, recorded in the model's provenance. */
    Map<String, Object> describe();

    /**
     * A plane degradation (noise, blur and downsampling, masks; see {@code train.degrade}) applied to each channel
     * of patches of side {@code patch}; masks become an extra input channel.
     */
    static PatchDegradation of(Degradation degradation, int patch) {
        return new PlaneDegradation(degradation, patch);
    }
}
