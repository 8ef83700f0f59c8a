package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * An inpainting generator: a gated U-Net over the image plus a mask channel, composited so only masked pixels
 * change.
 *
 * @param channels image channels (the input has one more: the mask)
 * @param depth    U-Net depth; larger holes need a deeper network to see their surroundings
 * @param features feature maps at the first level
 */
public record InpaintingSpec(int channels, int depth, int features) implements NetworkSpec {

    public InpaintingSpec {
        NetworkSpec.require(channels >= 1, "channels must be positive");
        // The backbone checks depth and features; building it here makes a bad description fail when it is read.
        backbone(channels, depth, features);
    }

    /** The U-Net inside: image + mask in, image out, gated convolutions, residual. */
    public UNetSpec backbone() {
        return backbone(channels, depth, features);
    }

    private static UNetSpec backbone(int channels, int depth, int features) {
        return new UNetSpec(channels + 1, channels, depth, features, true, true, false);
    }

    @Override
    public String type() {
        return "inpainting-unet";
    }

    @Override
    public Block build() {
        return new InpaintingGenerator(this);
    }

    @Override
    public int inputChannels() {
        return channels + 1;
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
        return backbone().divisor();
    }

    @Override
    public int receptiveFieldRadius() {
        return backbone().receptiveFieldRadius();
    }
}
