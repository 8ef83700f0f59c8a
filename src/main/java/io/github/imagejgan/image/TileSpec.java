package io.github.imagejgan.image;

import io.github.imagejgan.task.UserException;

/**
 * How to cut a plane into tiles for a network.
 *
 * @param tileSize largest tile core edge in input pixels (the part of the image each tile is responsible for);
 *                 {@link Integer#MAX_VALUE} processes a plane as one tile
 * @param halo     context pixels added on every side of a tile and discarded afterwards; at least the network's
 *                 receptive-field radius for tiled output to equal untiled output
 * @param overlap  width of the band, in input pixels, over which neighbouring tiles are blended with linear
 *                 weights; hides seams of networks whose output depends on tile content (e.g. instance norm)
 * @param divisor  the network needs input sizes and tile offsets that are multiples of this (2^depth for a U-Net)
 */
public record TileSpec(int tileSize, int halo, int overlap, int divisor) {

    public TileSpec {
        if (tileSize < 1 || halo < 0 || overlap < 0 || divisor < 1) {
            throw new UserException("Tile size and divisor must be positive, halo and overlap not "
                    + "negative; got size " + tileSize + ", halo " + halo + ", overlap " + overlap + ", divisor "
                    + divisor);
        }
    }

    /** One tile per plane, with the given halo as border context. */
    public static TileSpec untiled(int halo, int divisor) {
        return new TileSpec(Integer.MAX_VALUE, halo, 0, divisor);
    }
}
