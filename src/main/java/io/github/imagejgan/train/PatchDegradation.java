package io.github.imagejgan.train;

import java.util.Map;

import io.github.imagejgan.degrade.Degradation;
import io.github.imagejgan.image.LinearMap;

/**
 * Makes a network input from a clean training patch: adds noise, blurs and downsamples, or cuts holes. This is how a
 * folder of good images becomes training pairs.
 *
 * <p>Degradations act in the image's own grey values, so that a specification such as {@code gaussian:sigma=20}
 * means what it says for the user's images; the trainer normalizes afterwards, as prediction will.
 */
public interface PatchDegradation {

    /**
     * @param clean    {@code channels x size x size} values in the image's own units
     * @param seed     the only source of randomness, so results are reproducible
     * @return {@code inputChannels(channels) x inputSize(size) x inputSize(size)} values in the image's units; for
     *         inpainting the last channel is the mask (1 where a pixel is missing)
     */
    float[] degrade(float[] clean, int channels, int size, long seed);

    /**
     * The normalization that prediction would compute for the degraded image, given a random sample of the clean
     * image's pixels and the seed of the patch's degradation; {@code clean}, the clean image's own normalization,
     * where it cannot be estimated.
     */
    default LinearMap inputNormalization(float[] pixels, long seed, LinearMap clean) {
        return clean;
    }

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
     * A plane degradation (noise, blur and downsampling, masks; see {@code degrade}) applied to each channel
     * of patches of side {@code patch}; masks become an extra input channel.
     */
    static PatchDegradation of(Degradation degradation, int patch) {
        return new PlaneDegradation(degradation, patch);
    }
}
