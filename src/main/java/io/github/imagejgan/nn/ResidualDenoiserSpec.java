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

    public ResidualDenoiserSpec {
        NetworkSpec.require(channels >= 1 && features >= 1 && depth >= 2, "need depth >= 2 and positive sizes");
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
    public int outputChannels() {
        return channels;
    }

    @Override
    public int scale() {
        return 1;
    }

    @Override
    public int divisor() {
        return 1;
    }

    @Override
    public int receptiveFieldRadius() {
        return ResidualDenoiser.receptiveFieldRadius(depth);
    }
}
