package io.github.imagejgan.image;

import io.github.imagejgan.task.UserException;

/**
 * How to cut a plane into tiles for a network.
 *
 * @param tileSize  largest tile core edge in input pixels (the part of the image each tile is responsible for);
 *                  {@link Integer#MAX_VALUE} processes a plane as one tile
 * @param halo      context pixels added on every inner side of a tile (where it meets another tile, not the image's
 *                  edge) and discarded afterwards; at least the network's receptive-field radius for tiled output to
 *                  equal untiled output
 * @param overlap   width of the band, in input pixels, over which neighbouring tiles are blended with linear
 *                  weights; hides seams of networks whose output depends on tile content (e.g. instance norm)
 * @param divisor   the network needs input sizes and tile offsets that are multiples of this (2^depth for a U-Net)
 * @param inputSize 0 when tiles follow {@code tileSize}; otherwise the one input edge the network takes, from which
 *                  the margins (halo and half the blend band, rounded up to the divisor) are cut and whose rest is
 *                  the core ({@code tileSize} then does not apply)
 * @param mirroredEdges whether tiles also add the halo at the image's edges, mirrored in (always for networks of one
 *                  input size); otherwise the network meets the edges as over the whole image in one piece
 * @param edgeContext without mirrored edges, the mirrored pixels that tiles at the image's edges add all the same
 *                  (at most the halo, rounded up to the divisor; see {@link AxisTiling#EDGE_CONTEXT})
 */
public record TileSpec(int tileSize, int halo, int overlap, int divisor, int inputSize, boolean mirroredEdges,
        int edgeContext) {

    public TileSpec {
        if (tileSize < 1 || halo < 0 || overlap < 0 || divisor < 1 || inputSize < 0 || edgeContext < 0) {
            throw new UserException("Tile size and divisor must be positive, halo and overlap not "
                    + "negative; got size " + tileSize + ", halo " + halo + ", overlap " + overlap + ", divisor "
                    + divisor);
        }
        if (inputSize > 0 && inputSize - 2 * fixedInputMargin(halo, overlap, divisor) < 1) {
            throw new UserException("A network that takes only " + inputSize + " x " + inputSize + " pixels leaves "
                    + "no room for a halo of " + halo + " and a blend band of " + overlap + " on both sides.");
        }
    }

    /** The standard edge context ({@link AxisTiling#EDGE_CONTEXT}). */
    public TileSpec(int tileSize, int halo, int overlap, int divisor, int inputSize, boolean mirroredEdges) {
        this(tileSize, halo, overlap, divisor, inputSize, mirroredEdges, AxisTiling.EDGE_CONTEXT);
    }

    /** Tiles of at most {@code tileSize} core pixels, offsets and sizes multiples of {@code divisor}. */
    public TileSpec(int tileSize, int halo, int overlap, int divisor) {
        this(tileSize, halo, overlap, divisor, 0, false);
    }

    /**
     * The same tiles with no mirrored context at the image's edges: the network meets them with its own padding, as it
     * met the edges of its training patches.
     */
    public TileSpec withoutEdgeContext() {
        return new TileSpec(tileSize, halo, overlap, divisor, inputSize, mirroredEdges, 0);
    }

    /**
     * The same tiles with the halo also at the image's edges, mirrored in: for generators whose own edges show (GAN
     * image makers leave a faint frame where their input ends), at the price of computing the halo there too.
     */
    public TileSpec withMirroredEdges() {
        return new TileSpec(tileSize, halo, overlap, divisor, inputSize, true);
    }

    /**
     * Tiles of exactly {@code inputSize} pixels, for networks that take no other size; tile offsets stay multiples of
     * {@code divisor}, the grid of the network's strided layers, so that tiles compute what a larger input would.
     */
    public static TileSpec fixedInput(int inputSize, int halo, int overlap, int divisor) {
        return new TileSpec(inputSize, halo, overlap, divisor, inputSize, true);
    }

    /** The context on each side of a tile of a network that takes one input size. */
    static int fixedInputMargin(int halo, int overlap, int divisor) {
        return (overlap / 2 + halo + divisor - 1) / divisor * divisor;
    }

    /** One tile per plane: the network over the whole plane (the halo applies only to networks of one input size). */
    public static TileSpec untiled(int halo, int divisor) {
        return new TileSpec(Integer.MAX_VALUE, halo, 0, divisor);
    }
}
