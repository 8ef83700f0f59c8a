package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * A volumetric U-Net for single-channel z-stacks: it restores one slice from a window of {@code 2 * sliceRadius + 1}
 * slices with 3D convolutions, so that its features are volumes, not stacked planes (see {@link UNet3dGenerator}).
 * The window comes in as channels, the restored slice first and then its neighbours from below to above, the order
 * in which 2.5D models take their slices; the predictor and the training feed both alike.
 *
 * <p>Receptive field: in x and y that of the 2D U-Net of the same depth ({@link #receptiveFieldRadius()}); in z
 * exactly {@code sliceRadius} slices on each side, because each 3D convolution is unpadded along z and uses up one
 * slice on each side. A window of {@code 2 * sliceRadius + 1} slices is therefore all the network can see, and a stack
 * restored window by window equals the whole stack restored in one piece.
 *
 * @param sliceRadius neighbouring slices on each side that can influence the restored one, 1 to {@code depth + 1}
 *                    (one 3D convolution per level from the top)
 * @param depth       poolings in x and y (the slices are never pooled: stacks have few of them)
 * @param features    feature maps at the first level, doubled per level up to eight times this
 * @param residual    add the output to the restored slice's input (off for blind-spot training)
 */
public record UNet3dSpec(int sliceRadius, int depth, int features, boolean residual) implements NetworkSpec {

    public UNet3dSpec {
        NetworkSpec.require(depth >= 1 && depth <= 5, "3D U-Net depth must be 1 to 5, got " + depth);
        NetworkSpec.require(sliceRadius >= 1 && sliceRadius <= depth + 1, "a 3D U-Net of depth " + depth
                + " sees 1 to " + (depth + 1) + " slices on each side, got " + sliceRadius);
        NetworkSpec.requireFeatures(features);
    }

    @Override
    public String type() {
        return "unet3d";
    }

    @Override
    public Block build() {
        return new UNet3dGenerator(this);
    }

    /** The window of slices, as channels. */
    @Override
    public int inputChannels() {
        return 2 * sliceRadius + 1;
    }

    @Override
    public int outputChannels() {
        return 1;
    }

    @Override
    public int divisor() {
        return 1 << depth;
    }

    @Override
    public int receptiveFieldRadius() {
        return new UNetSpec(1, 1, depth, features, false, false, false).receptiveFieldRadius();
    }

    /** Feature maps at the given level. */
    public int features(int level) {
        return UNetSpec.featuresAt(features, level);
    }

    /** Whether the first convolution of this encoder level is 3D (and takes one slice off each side). */
    boolean convolvesSlices(int level) {
        return level < sliceRadius;
    }

    /**
     * The input channel that holds each slice of the window from the lowest to the highest: channel 0 is the restored
     * slice, then the neighbours from below to above (the order of {@code ModelDescriptor.Tiling#sliceOffsets}).
     */
    public static int[] channelsInZOrder(int sliceRadius) {
        int[] channels = new int[2 * sliceRadius + 1];
        for (int dz = -sliceRadius; dz <= sliceRadius; dz++) {
            channels[dz + sliceRadius] = dz == 0 ? 0 : dz < 0 ? dz + sliceRadius + 1 : dz + sliceRadius;
        }
        return channels;
    }
}
