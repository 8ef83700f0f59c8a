package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * A residual super-resolution generator.
 *
 * @param channels image channels in and out
 * @param features feature maps
 * @param blocks   residual blocks at input resolution
 * @param scale    2 or 4
 * @param upsampling what the network's correction is added to: {@value #BICUBIC} upsampling of the input (so that an
 *                 untrained network already gives bicubic interpolation) or {@value #NEAREST} (models written before
 *                 bicubic existed, whose descriptions lack the field)
 * @param noiseMap   the input also has the noise map of its one image channel ({@link NetworkSpec#noiseMap()}),
 *                   which the network sees but does not upsample (absent in older packages: false)
 */
public record ResidualSrSpec(int channels, int features, int blocks, int scale, String upsampling,
        boolean noiseMap) implements NetworkSpec {

    /** The skip connection of new networks. */
    public static final String BICUBIC = "bicubic";

    /** The skip connection of the first networks. */
    public static final String NEAREST = "nearest";

    /** Far more residual blocks than super-resolution generators use (8 to 32); bounds a hostile description. */
    public static final int MAX_BLOCKS = 64;

    public ResidualSrSpec {
        NetworkSpec.require(channels >= 1, "channels must be positive");
        NetworkSpec.requireFeatures(features);
        NetworkSpec.require(blocks >= 0 && blocks <= MAX_BLOCKS, "residual blocks must be 0 to " + MAX_BLOCKS
                + ", got " + blocks);
        NetworkSpec.require(scale == 2 || scale == 4, "super-resolution scale must be 2 or 4, got " + scale);
        upsampling = upsampling == null ? NEAREST : upsampling;
        NetworkSpec.require(upsampling.equals(BICUBIC) || upsampling.equals(NEAREST), "upsampling must be "
                + BICUBIC + " or " + NEAREST + ", got " + upsampling);
        NetworkSpec.require(!noiseMap || channels == 1, "a super-resolution network with a noise map takes one "
                + "image channel");
    }

    /** A network without a noise map. */
    public ResidualSrSpec(int channels, int features, int blocks, int scale, String upsampling) {
        this(channels, features, blocks, scale, upsampling, false);
    }

    /** A new network: its correction is added to bicubic upsampling. */
    public ResidualSrSpec(int channels, int features, int blocks, int scale) {
        this(channels, features, blocks, scale, BICUBIC);
    }

    @Override
    public ResidualSrSpec withoutNoiseMap() {
        return noiseMap ? new ResidualSrSpec(channels, features, blocks, scale, upsampling) : this;
    }

    @Override
    public int outputChannels() {
        return channels;
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
        return noiseMap ? channels + 1 : channels;
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
