package io.github.imagejgan.image;

/**
 * Tiling along one axis: equal steps that are multiples of the divisor (so pooling grids line up with an untiled
 * run), or for a network of one input size the steps that size leaves; a margin of halo plus half the blend band on
 * both sides, and linear blend weights that sum to one wherever two tiles meet.
 *
 * @param length    image length along this axis, in input pixels
 * @param count     number of tiles
 * @param step      core length of every tile but possibly the last
 * @param margin    pixels added before and after the core (multiple of the divisor)
 * @param overlap   blend band width (even, at most {@code step})
 */
public record AxisTiling(int length, int count, int step, int margin, int overlap) {

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
        return new AxisTiling(length, count, step, margin, overlap);
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
        return new AxisTiling(length, count, step, margin, overlap);
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

    /** First input pixel of tile i; negative at the image start (mirrored there). */
    public int inputStart(int i) {
        return coreStart(i) - margin;
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
