package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * A U-Net generator.
 *
 * @param inputChannels  image channels in (plus one mask channel for inpainting)
 * @param outputChannels image channels out
 * @param depth          number of poolings; input sizes must be multiples of 2^depth
 * @param features       feature maps at the first level, doubled per level up to eight times this
 * @param residual       add the input's first {@code outputChannels} channels to the output
 * @param gated          gated convolutions (inpainting) instead of plain ones
 * @param instanceNorm   instance normalization after each convolution (off: tiles match whole images exactly)
 * @param noiseMap       the last input channel is the noise map of the first ({@link NetworkSpec#noiseMap()}): a
 *                       blind denoiser that is told how strong the image's noise is, so that it need not guess it
 *                       from each pixel's neighbourhood (one image channel; absent in older packages: false)
 */
public record UNetSpec(int inputChannels, int outputChannels, int depth, int features, boolean residual,
        boolean gated, boolean instanceNorm, boolean noiseMap) implements NetworkSpec {

    public UNetSpec {
        NetworkSpec.require(inputChannels >= 1 && outputChannels >= 1, "channels must be positive");
        NetworkSpec.require(depth >= 1 && depth <= 6, "U-Net depth must be 1 to 6, got " + depth);
        NetworkSpec.requireFeatures(features);
        NetworkSpec.require(!residual || inputChannels >= outputChannels,
                "a residual U-Net needs at least as many input as output channels");
        NetworkSpec.require(!noiseMap || inputChannels == 2 && outputChannels == 1,
                "a U-Net with a noise map takes one image channel and its noise map");
    }

    /** A U-Net without a noise map. */
    public UNetSpec(int inputChannels, int outputChannels, int depth, int features, boolean residual, boolean gated,
            boolean instanceNorm) {
        this(inputChannels, outputChannels, depth, features, residual, gated, instanceNorm, false);
    }

    @Override
    public UNetSpec withoutNoiseMap() {
        return noiseMap ? new UNetSpec(inputChannels - 1, outputChannels, depth, features, residual, gated,
                instanceNorm) : this;
    }

    /** The same U-Net with {@code count} feature maps at its first level. */
    public UNetSpec withFeatures(int count) {
        return new UNetSpec(inputChannels, outputChannels, depth, count, residual, gated, instanceNorm, noiseMap);
    }

    /** The same U-Net with fewer features ({@link Networks#copyGrown}). */
    @Override
    public boolean growsFrom(NetworkSpec start) {
        return start instanceof UNetSpec narrow && narrow.features < features
                && withFeatures(narrow.features).equals(narrow);
    }

    /** The restoration default: depth 3, 32 features, residual, plain convolutions, no normalization. */
    public static UNetSpec restoration(int inputChannels, int outputChannels) {
        return new UNetSpec(inputChannels, outputChannels, 3, 32, inputChannels >= outputChannels, false, false);
    }

    /** Feature maps at the given level. */
    public int features(int level) {
        return featuresAt(features, level);
    }

    /** Feature maps at a level of a U-Net with {@code features} at its first: doubled per level, at most eight times. */
    static int featuresAt(int features, int level) {
        return features * Math.min(8, 1 << level);
    }

    @Override
    public String type() {
        return "unet";
    }

    @Override
    public Block build() {
        return new UNetGenerator(this);
    }

    @Override
    public int divisor() {
        return 1 << depth;
    }

    @Override
    public boolean usesWholeInputStatistics() {
        return instanceNorm;
    }

    @Override
    public int receptiveFieldRadius() {
        ReceptiveField rf = new ReceptiveField();
        for (int level = 0; level < depth; level++) {
            rf.layers(2, 3, 1).layer(2, 2);
        }
        rf.layers(2, 3, 1);
        for (int level = 0; level < depth; level++) {
            rf.upsample(2).layers(3, 3, 1);
        }
        return rf.radius();
    }
}
