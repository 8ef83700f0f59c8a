package io.github.imagejgan.predict;

import java.util.List;

import io.github.imagejgan.image.Mirror;

/**
 * The empirical Wiener filter of one noisy plane guided by a pilot estimate (Dabov et al.'s second BM3D step without
 * the grouping): in every square block of a side {@code block}, half a side apart, each coefficient of the noisy
 * block's orthonormal DCT is scaled by {@code p^2 / (p^2 + v)}, {@code p} the pilot's coefficient and {@code v} the
 * noise variance, and the blocks transformed back are averaged at each pixel (every pixel lies in four). Each block
 * keeps its own mean (the first coefficient): scaled toward 0 it would make the result depend on where the image's
 * values start (an image shifted by a constant would not come out shifted by it), and averaged over the four blocks
 * it scored the same on the test images as the mean scaled or the pilot's.
 *
 * <p>Why here: with the network's result as the pilot it is one more term of {@link DenoiseStrength}'s mix. Where the
 * network smooths away texture that faint noise leaves visible, the filter keeps each frequency of the noisy image
 * that the pilot still shows, and where the pilot is flat it removes the noise.
 *
 * <p>The blocks lie on a grid fixed in the caller's coordinates, so that a plane filtered in tiles whose origins are
 * multiples of the step (a network's pooling divisor) gives what the whole plane gives.
 *
 * @param block side of the blocks, even
 */
record PilotWiener(int block) {

    /**
     * The filters {@link DenoiseStrength} mixes: blocks of 8 as in BM3D's Wiener step, and of 16 for coarser texture
     * and smooth regions. On the real test images the two added 0.22, 0.15 and 0.10 dB on average to
     * denoise-general's mix with non-local means at Gaussian noise of 2, 5 and 10 % of the range and 0.09 dB at 100
     * photons, no image lower; the first alone 0.17, 0.10, 0.06 and 0.06 dB (models/denoise-general.md).
     */
    static final List<PilotWiener> BLENDED = List.of(new PilotWiener(8), new PilotWiener(16));

    /** How far from a pixel the values that decide the result of any of {@link #BLENDED} lie. */
    static int reach() {
        return BLENDED.stream().mapToInt(filter -> filter.block() - 1).max().orElse(0);
    }

    PilotWiener {
        BlockDct.requireEvenSide(block);
    }

    /** Distance between neighbouring blocks, half their side: every pixel lies in four. */
    int step() {
        return block / 2;
    }

    /**
     * The filtered plane ({@code width} x {@code height}, row-major), mirrored beyond its edges; a copy of
     * {@code noisy} where the variance is not positive.
     *
     * @param originX the plane's first column in the coordinates of the block grid (whose blocks start at multiples
     *                of the step)
     * @param originY the plane's first row in those coordinates
     */
    float[] apply(float[] noisy, float[] pilot, int width, int height, double variance, int originX, int originY) {
        if (!(variance > 0)) {
            return noisy.clone();
        }
        BlockDct dct = new BlockDct(block);
        double[] sums = new double[width * height];
        int[] counts = new int[width * height];
        double[] y = new double[block * block];
        double[] p = new double[block * block];
        for (int by = firstOrigin(originY, block, step()); by < height; by += step()) {
            for (int bx = firstOrigin(originX, block, step()); bx < width; bx += step()) {
                for (int r = 0; r < block; r++) {
                    int row = Mirror.reflect(by + r, height) * width;
                    for (int c = 0; c < block; c++) {
                        int i = row + Mirror.reflect(bx + c, width);
                        y[r * block + c] = noisy[i];
                        p[r * block + c] = pilot[i];
                    }
                }
                dct.square(y, 0, false);
                dct.square(p, 0, false);
                // NB: from 1 on: the first coefficient, the block's mean, stays.
                for (int i = 1; i < y.length; i++) {
                    double power = p[i] * p[i];
                    y[i] *= power / (power + variance);
                }
                dct.square(y, 0, true);
                for (int r = 0; r < block; r++) {
                    int py = by + r;
                    if (py < 0 || py >= height) {
                        continue;
                    }
                    for (int c = 0; c < block; c++) {
                        int px = bx + c;
                        if (px >= 0 && px < width) {
                            sums[py * width + px] += y[r * block + c];
                            counts[py * width + px]++;
                        }
                    }
                }
            }
        }
        float[] out = new float[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sums[i] / counts[i]);
        }
        return out;
    }

    /**
     * The first origin, in plane coordinates, of a grid of blocks of side {@code block} whose block reaches the
     * plane's first pixel; the grid's origins lie where {@code origin} plus them is a multiple of {@code step}.
     */
    static int firstOrigin(int origin, int block, int step) {
        int o = -block + 1;
        return o + Math.floorMod(-(origin + o), step);
    }
}
