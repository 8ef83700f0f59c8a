package io.github.imagejgan.image;

/**
 * Tiling along one axis: equal steps that are multiples of the divisor (so pooling grids line up with an untiled
 * run), or for a network of one input size the steps that size leaves; a margin of halo plus half the blend band on
 * both sides, and linear blend weights that sum to one wherever two tiles meet.
 *
 * <p>At the image's own edges a tile adds only a little mirrored context ({@link TileSpec#edgeContext()}, by default
 * {@link #EDGE_CONTEXT}, rounded up to the divisor; none for specs without it), exactly as the image run in one piece
 * does, so a plane that fits one tile costs little more than the image itself, and tiles next to an edge are shifted
 * inwards, their spare margin going to the inner side. Networks of one input size, and specs that ask for it
 * ({@link TileSpec#mirroredEdges()}), keep a whole margin on both sides, mirrored beyond the edges.
 *
 * @param length    image length along this axis, in input pixels
 * @param count     number of tiles
 * @param step      core length of every tile but possibly the last
 * @param margin    context pixels before and after the core of inner tiles (multiple of the divisor)
 * @param overlap   blend band width (even, at most {@code step})
 * @param padded    the length the tiles span from {@code -edge}: the length plus both edges rounded up to the
 *                  divisor, or 0 when tiles reach a margin beyond both edges (mirrored edges)
 * @param edge      mirrored context before the image's first pixel (and at least as much after its last) that every
 *                  tile at an edge includes, a multiple of the divisor; 0 with mirrored edges, whose tiles reach a
 *                  whole margin beyond both
 */
public record AxisTiling(int length, int count, int step, int margin, int overlap, int padded, int edge) {

    /**
     * Mirrored context that restoration tiles add at the image's edges: a network that meets the edge itself
     * restores its outermost pixels poorly (at 2 photons, a 2.5D denoiser's first row and column had 9 times the error
     * of the rest, 5 dB over a 128 x 128 x 32 stack); a few mirrored pixels make them inner pixels, at a small part
     * of a whole halo's cost (8 pixels did as well there as the whole halo of 64: 32.03 against 32.04 dB).
     */
    public static final int EDGE_CONTEXT = 8;

    /** Plans the tiling of an axis of the given length. */
    public static AxisTiling of(int length, TileSpec spec) {
        if (length < 1) {
            throw new UnsupportedImageException("Cannot tile an empty axis (length " + length + ").");
        }
        if (spec.inputSize() > 0) {
            return fixedInput(length, spec);
        }
        int d = spec.divisor();
        int maxCore = Math.max(d, spec.tileSize() / d * d);
        int count = ceilDiv(length, maxCore);
        int step = roundUp(ceilDiv(length, count), d);
        count = ceilDiv(length, step);
        int overlap = count == 1 ? 0 : Math.min(spec.overlap(), step) / 2 * 2;
        int margin = roundUp(overlap / 2 + spec.halo(), d);
        if (spec.mirroredEdges()) {
            return new AxisTiling(length, count, step, margin, overlap, 0, 0);
        }
        int edge = roundUp(Math.min(spec.edgeContext(), spec.halo()), d);
        int padded = roundUp(length + 2 * edge, d);
        if (count == 1 || step + 2 * margin >= padded) {
            // One piece: no tile of this plan would be smaller than the whole (padded) axis.
            return new AxisTiling(length, 1, padded - 2 * edge, edge, 0, padded, edge);
        }
        return new AxisTiling(length, count, step, margin, overlap, padded, edge);
    }

    /**
     * Tiles of the one input size a network takes: the margin is the halo plus half the blend band, rounded up to the
     * divisor, and the core is what remains of the input. Small images are mirrored out to that size.
     */
    private static AxisTiling fixedInput(int length, TileSpec spec) {
        int margin = TileSpec.fixedInputMargin(spec.halo(), spec.overlap(), spec.divisor());
        int step = spec.inputSize() - 2 * margin;
        int count = ceilDiv(length, step);
        int overlap = count == 1 ? 0 : Math.min(spec.overlap(), step) / 2 * 2;
        return new AxisTiling(length, count, step, margin, overlap, 0, 0);
    }

    /** Input length of every tile: core step plus both margins. */
    public int inputSize() {
        return step + 2 * margin;
    }

    public int coreStart(int i) {
        return i * step;
    }

    public int coreEnd(int i) {
        return Math.min(length, (i + 1) * step);
    }

    /**
     * First input pixel of tile i: a margin before its core, but never before the edge context ahead of the image's
     * first pixel nor so late that the tile reaches past the padded length (mirrored edges: a whole margin beyond
     * both edges, mirrored there).
     */
    public int inputStart(int i) {
        int start = coreStart(i) - margin;
        return padded == 0 ? start : Math.max(-edge, Math.min(start, padded - edge - inputSize()));
    }

    /** First pixel of tile i that contributes to the output. */
    public int keptStart(int i) {
        return i == 0 ? 0 : coreStart(i) - overlap / 2;
    }

    /** End (exclusive) of the pixels of tile i that contribute to the output. */
    public int keptEnd(int i) {
        return i == count - 1 ? length : Math.min(length, coreEnd(i) + overlap / 2);
    }

    /**
     * Blend weight of tile i at output coordinate {@code x} of an output grid {@code scale} times finer. Rises
     * linearly across the band shared with the previous tile and falls across the band shared with the next, so
     * the weights of two neighbours always sum to one.
     */
    public float weight(int i, int x, int scale) {
        if (overlap == 0) {
            return 1f;
        }
        float band = (float) overlap * scale;
        float w = 1f;
        if (i > 0) {
            float start = (coreStart(i) - overlap / 2) * (float) scale;
            w = Math.min(w, (x - start + 0.5f) / band);
        }
        if (i < count - 1) {
            float start = ((i + 1) * step - overlap / 2) * (float) scale;
            w = Math.min(w, 1f - (x - start + 0.5f) / band);
        }
        return Math.max(0f, Math.min(1f, w));
    }

    private static int ceilDiv(int a, int b) {
        return (int) ((a + (long) b - 1) / b);
    }

    private static int roundUp(int a, int multiple) {
        return ceilDiv(a, multiple) * multiple;
    }
}
