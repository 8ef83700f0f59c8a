package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * An inpainting generator: a gated U-Net over the image plus a mask channel, composited so only masked pixels
 * change.
 *
 * @param channels image channels (the input has one more: the mask)
 * @param depth    U-Net depth; larger holes need a deeper network to see their surroundings
 * @param features feature maps at the first level
 * @param fill     what the holes hold when the U-Net sees them, and what its residual output adds to: a classical
 *                 fill from the hole's surroundings, so that an untrained network already matches every border,
 *                 {@value #THIN_PLATE} ({@link Layers#thinPlateFill}, new models) or {@value #SMOOTH}
 *                 ({@link Layers#smoothFill}, earlier ones); or {@value #ZERO} (models written before the field
 *                 existed)
 */
public record InpaintingSpec(int channels, int depth, int features, String fill) implements NetworkSpec {

    /** Holes start as the thin-plate fill from their surroundings ({@link Layers#thinPlateFill}). */
    public static final String THIN_PLATE = "thin-plate";

    /** Holes start as a smooth fill from their surroundings ({@link Layers#smoothFill}). */
    public static final String SMOOTH = "smooth";

    /** Holes start as zeros (the first models). */
    public static final String ZERO = "zero";

    public InpaintingSpec {
        NetworkSpec.require(channels >= 1, "channels must be positive");
        fill = fill == null ? ZERO : fill;
        NetworkSpec.require(fill.equals(THIN_PLATE) || fill.equals(SMOOTH) || fill.equals(ZERO), "fill must be "
                + THIN_PLATE + ", " + SMOOTH + " or " + ZERO + ", got " + fill);
        // The backbone checks depth and features; building it here makes a bad description fail when it is read.
        backbone(channels, depth, features);
    }

    /** A new network: holes start as the thin-plate fill. */
    public InpaintingSpec(int channels, int depth, int features) {
        this(channels, depth, features, THIN_PLATE);
    }

    /** The U-Net inside: image + mask in, image out, gated convolutions, residual. */
    public UNetSpec backbone() {
        return backbone(channels, depth, features);
    }

    private static UNetSpec backbone(int channels, int depth, int features) {
        return new UNetSpec(channels + 1, channels, depth, features, true, true, false);
    }

    /** The same network with fewer features ({@link Networks#copyGrown}). */
    @Override
    public boolean growsFrom(NetworkSpec start) {
        return start instanceof InpaintingSpec narrow && narrow.features < features
                && new InpaintingSpec(channels, depth, narrow.features, fill).equals(narrow);
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
    public int divisor() {
        return backbone().divisor();
    }

    @Override
    public int receptiveFieldRadius() {
        return backbone().receptiveFieldRadius();
    }

    /**
     * True for the thin-plate fill: its conjugate-gradient steps weigh every missing pixel of the tile together, so a
     * hole's fill depends a little on the whole tile; overlapping tiles are blended to hide seams. (What a hole needs
     * from its border reaches as far as the hole is wide, beyond any fixed halo, for every fill.)
     */
    @Override
    public boolean usesWholeInputStatistics() {
        return fill.equals(THIN_PLATE);
    }
}
