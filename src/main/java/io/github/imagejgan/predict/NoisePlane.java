package io.github.imagejgan.predict;

import java.nio.FloatBuffer;

import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;

/**
 * A read-only plane of unit Gaussian noise whose every value follows from the seed, the plane's index and the
 * pixel's position alone: any tile, read in any order, sees the same noise at the same pixel, so a tiled synthesis
 * equals an untiled one.
 */
final class NoisePlane implements PlaneAccess {

    private final int width;
    private final int height;
    private final long seed;

    /**
     * @param plane index of the image plane (slice and frame), so that planes get different noise
     */
    NoisePlane(int width, int height, long seed, long plane) {
        this.width = width;
        this.height = height;
        this.seed = mix(seed * 0x9E3779B97F4A7C15L + plane);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int integerLevels() {
        return 0;
    }

    @Override
    public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
        for (int i = 0; i < n; i++) {
            dst.put(dstIndex + i, map.apply(value(x0 + i, y)));
        }
    }

    @Override
    public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
        throw new UnsupportedOperationException("noise is read only");
    }

    /** The noise at one pixel: Box-Muller over two uniform numbers from a hash of seed and position. */
    float value(int x, int y) {
        long h = mix(seed ^ mix(((long) y << 32) ^ (x & 0xFFFFFFFFL)));
        double u1 = ((h >>> 40) + 1) / (double) (1L << 24);
        double u2 = ((h >>> 16) & 0xFFFFFF) / (double) (1L << 24);
        return (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }

    /** The finalizer of SplitMix64: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
