package io.github.imagejgan.nn;

import ai.djl.nn.Block;

import io.github.imagejgan.task.UserException;

/**
 * What a network is, independent of its weights: enough to build it again, and to say how images must be prepared
 * for it (channels, scale, size divisor, receptive field). Model packages store it in {@code model.json}.
 */
public sealed interface NetworkSpec permits UNetSpec, UNet3dSpec, ResidualSrSpec, InpaintingSpec, ResidualDenoiserSpec,
        SpadeSpec, PatchDiscriminatorSpec, MultiScaleDiscriminatorSpec, TorchScriptSpec {

    /** Short name stored in model packages, e.g. {@code "unet"}. */
    String type();

    /**
     * A new, uninitialized block of this architecture.
     *
     * @throws UnsupportedOperationException for networks whose structure lives in their weights file
     *                                       ({@link TorchScriptSpec})
     */
    Block build();

    int inputChannels();

    /** Channels out; image-to-image networks give back the channels they take. */
    default int outputChannels() {
        return inputChannels();
    }

    /**
     * True when the network's last input channel is a noise map of its first: per pixel, the standard deviation
     * that the image's own noise estimate gives at that pixel's value. Prediction and training compute it, so users
     * give one channel fewer.
     */
    default boolean noiseMap() {
        return false;
    }

    /** The same network without its noise map ({@link #noiseMap()}): itself where it has none. */
    default NetworkSpec withoutNoiseMap() {
        return this;
    }

    /**
     * Whether this network can start from the weights of {@code start} and compute exactly what it computed, with
     * more features to learn with ({@link Networks#copyGrown}, {@link UNetGenerator#parts}): U-Nets that differ
     * only in their features. False for others.
     */
    default boolean growsFrom(NetworkSpec start) {
        return false;
    }

    /** Output pixels per input pixel along X and Y; only super-resolution networks enlarge. */
    default int scale() {
        return 1;
    }

    /** Input sizes (and tile offsets) must be multiples of this; only networks that downsample need more than 1. */
    default int divisor() {
        return 1;
    }

    /** Input pixels on each side that can influence an output pixel; the least halo for exact tiling. */
    int receptiveFieldRadius();

    /** The one input edge the network takes, or 0 when it takes every multiple of {@link #divisor()}. */
    default int fixedInputSize() {
        return 0;
    }

    /**
     * True when every output pixel also depends on statistics of the whole input (instance normalization): tiles
     * then differ slightly from a whole-image run, and tiling must blend overlapping tiles to hide seams.
     */
    default boolean usesWholeInputStatistics() {
        return false;
    }

    /**
     * The most feature maps a network may have at its first level. Networks here use 16 to 64; a description that
     * asks for far more would need more memory than a machine has, and is refused before anything is built.
     */
    int MAX_FEATURES = 512;

    /** Checks a feature count against {@link #MAX_FEATURES}. */
    static void requireFeatures(int features) {
        require(features >= 1 && features <= MAX_FEATURES, "features must be 1 to " + MAX_FEATURES + ", got "
                + features);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new UserException(message);
        }
    }
}
