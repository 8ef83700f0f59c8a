package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * The small DnCNN-style denoiser of {@link ResidualDenoiser}.
 *
 * @param channels image channels in and out
 * @param features feature maps per hidden layer
 * @param depth    number of 3x3 convolutions
 */
public record ResidualDenoiserSpec(int channels, int features, int depth) implements NetworkSpec {

    /** Far deeper than DnCNN-style denoisers are (17 to 20 layers); bounds a hostile description. */
    public static final int MAX_DEPTH = 64;

    public ResidualDenoiserSpec {
        NetworkSpec.require(channels >= 1, "channels must be positive");
        NetworkSpec.requireFeatures(features);
        NetworkSpec.require(depth >= 2 && depth <= MAX_DEPTH, "depth must be 2 to " + MAX_DEPTH + ", got " + depth);
    }

    @Override
    public String type() {
        return "residual-denoiser";
    }

    @Override
    public Block build() {
        return ResidualDenoiser.build(channels, features, depth);
    }

    @Override
    public int inputChannels() {
        return channels;
    }

    @Override
    public int receptiveFieldRadius() {
        return ResidualDenoiser.receptiveFieldRadius(depth);
    }
}
