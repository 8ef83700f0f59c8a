package io.github.imagejgan.image;

/**
 * Tiling along one axis: equal steps that are multiples of the divisor (so pooling grids line up with an untiled
 * run), or for a network of one input size the steps that size leaves; a margin of halo plus half the blend band on
 * both sides, and linear blend weights that sum to one wherever two tiles meet.
 *
 * <p>At the image's own edges a tile adds no context: the network meets the edge exactly as it does when it runs on
 * the whole image in one piece (and as it met the edges of its training patches), so a plane that fits one tile costs
 * no more than the image itself, and tiles next to an edge are shifted inwards, their spare margin going to the
 * inner side. Only the length up to the next multiple of the divisor is mirrored in. Networks of one input size, and
 * specs that ask for it ({@link TileSpec#mirroredEdges()}), keep a margin on both sides, mirrored beyond the edges.
 *
 * @param length    image length along this axis, in input pixels
 * @param count     number of tiles
 * @param step      core length of every tile but possibly the last
 * @param margin    context pixels before and after the core of inner tiles (multiple of the divisor)
 * @param overlap   blend band width (even, at most {@code step})
 * @param padded    the length the tiles span at the image's edges: the length rounded up to the divisor, or 0 when
 *                  tiles reach a margin beyond both edges (mirrored edges)
 */
public record AxisTiling(int length, int count, int step, int margin, int overlap, int padded) {

    /** Plans the tiling of an axis of the given length. */
    public static AxisTiling of(int length, TileSpec spec) {
        if (length < 1) {
            throw new UnsupportedImageException("Cannot tile an empty axis (length " + length + ").");
        }
        if (spec.inputSize() > 0) {
            return fixedInput(length, spec);
        }
        int d = spec.divisor();
        int padded = roundUp(length, d);
        int maxCore = Math.max(d, spec.tileSize() / d * d);
        int count = ceilDiv(length, maxCore);
        int step = roundUp(ceilDiv(length, count), d);
        count = ceilDiv(length, step);
        int overlap = count == 1 ? 0 : Math.min(spec.overlap(), step) / 2 * 2;
        int margin = roundUp(overlap / 2 + spec.halo(), d);
        if (spec.mirroredEdges()) {
            return new AxisTiling(length, count, step, margin, overlap, 0);
        }
        if (count == 1 || step + 2 * margin >= padded) {
            // One piece: no tile of this plan would be smaller than the whole (padded) axis.
            return new AxisTiling(length, 1, padded, 0, 0, padded);
        }
        return new AxisTiling(length, count, step, margin, overlap, padded);
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
        return new AxisTiling(length, count, step, margin, overlap, 0);
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
     * First input pixel of tile i: a margin before its core, but never before the image's first pixel nor so late
     * that the tile reaches past the padded length (networks of one input size: negative at the image start,
     * mirrored there).
     */
    public int inputStart(int i) {
        int start = coreStart(i) - margin;
        return padded == 0 ? start : Math.max(0, Math.min(start, padded - inputSize()));
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
