package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * A residual super-resolution generator.
 *
 * @param channels image channels in and out
 * @param features feature maps
 * @param blocks   residual blocks at input resolution
 * @param scale    2 or 4
 */
public record ResidualSrSpec(int channels, int features, int blocks, int scale) implements NetworkSpec {

    public ResidualSrSpec {
        NetworkSpec.require(channels >= 1 && features >= 1 && blocks >= 0, "channels and features must be positive");
        NetworkSpec.require(scale == 2 || scale == 4, "super-resolution scale must be 2 or 4, got " + scale);
    }

    @Override
    public String type() {
        return "residual-sr";
    }

    @Override
    public Block build() {
        return ResidualSrGenerator.build(this);
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
    public int divisor() {
        return 1;
    }

    @Override
    public int receptiveFieldRadius() {
        ReceptiveField rf = new ReceptiveField().layer(3, 1).layers(2 * blocks + 1, 3, 1);
        for (int factor = scale; factor > 1; factor /= 2) {
            rf.layer(3, 1).upsample(2);
        }
        return rf.layer(3, 1).radius();
    }
}
