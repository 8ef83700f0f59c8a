package io.github.imagejgan.predict;

import io.github.imagejgan.image.Mirror;

/**
 * The empirical Wiener filter of one noisy plane guided by a pilot estimate (Dabov et al.'s second BM3D step without
 * the grouping): in every {@value #BLOCK} x {@value #BLOCK} block, {@value #STEP} pixels apart, each coefficient of the
 * noisy block's orthonormal DCT is scaled by {@code p^2 / (p^2 + v)}, {@code p} the pilot's coefficient and {@code v}
 * the noise variance, and the blocks transformed back are averaged at each pixel (every pixel lies in four). Each
 * block keeps its own mean (the first coefficient): scaled toward 0 it would make the result depend on where the
 * image's values start (an image shifted by a constant would not come out shifted by it), and averaged over the four
 * blocks it scored the same on the test images as the mean scaled or the pilot's.
 *
 * <p>Why here: with the network's result as the pilot it is one more term of {@link DenoiseStrength}'s mix. Where the
 * network smooths away texture that faint noise leaves visible, the filter keeps each frequency of the noisy image
 * that the pilot still shows, and where the pilot is flat it removes the noise. On the real test images it added
 * 0.17, 0.10 and 0.06 dB on average to denoise-general's mix with non-local means at Gaussian noise of 2, 5 and 10 % of
 * the range, and 0.06 dB at 100 photons, no image lower (models/denoise-general.md).
 *
 * <p>The blocks lie on a grid fixed in the caller's coordinates, so that a plane filtered in tiles whose origins are
 * multiples of {@value #STEP} (a network's pooling divisor) gives what the whole plane gives.
 */
final class PilotWiener {

    /** Side of the blocks, as in BM3D's Wiener step. */
    static final int BLOCK = 8;

    /** Distance between neighbouring blocks: every pixel lies in (BLOCK / STEP)^2 of them. */
    static final int STEP = 4;

    /** The orthonormal DCT-II basis, {@code BASIS[k][n]}. */
    private static final double[][] BASIS = new double[BLOCK][BLOCK];

    static {
        for (int k = 0; k < BLOCK; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / BLOCK);
            for (int n = 0; n < BLOCK; n++) {
                BASIS[k][n] = scale * Math.cos(Math.PI * (n + 0.5) * k / BLOCK);
            }
        }
    }

    private PilotWiener() {
    }

    /** How far from a pixel the values that decide its result lie. */
    static int reach() {
        return BLOCK - 1;
    }

    /**
     * The filtered plane ({@code width} x {@code height}, row-major), mirrored beyond its edges; a copy of
     * {@code noisy} where the variance is not positive.
     *
     * @param originX the plane's first column in the coordinates of the block grid (whose blocks start at multiples
     *                of {@value #STEP})
     * @param originY the plane's first row in those coordinates
     */
    static float[] apply(float[] noisy, float[] pilot, int width, int height, double variance, int originX,
            int originY) {
        if (!(variance > 0)) {
            return noisy.clone();
        }
        double[] sums = new double[width * height];
        int[] counts = new int[width * height];
        double[][] y = new double[BLOCK][BLOCK];
        double[][] p = new double[BLOCK][BLOCK];
        double[][] work = new double[BLOCK][BLOCK];
        for (int by = firstOrigin(originY); by < height; by += STEP) {
            for (int bx = firstOrigin(originX); bx < width; bx += STEP) {
                for (int r = 0; r < BLOCK; r++) {
                    int row = Mirror.reflect(by + r, height) * width;
                    for (int c = 0; c < BLOCK; c++) {
                        int i = row + Mirror.reflect(bx + c, width);
                        y[r][c] = noisy[i];
                        p[r][c] = pilot[i];
                    }
                }
                transform(y, work, false);
                transform(p, work, false);
                for (int r = 0; r < BLOCK; r++) {
                    for (int c = r == 0 ? 1 : 0; c < BLOCK; c++) {
                        double power = p[r][c] * p[r][c];
                        y[r][c] *= power / (power + variance);
                    }
                }
                transform(y, work, true);
                for (int r = 0; r < BLOCK; r++) {
                    int py = by + r;
                    if (py < 0 || py >= height) {
                        continue;
                    }
                    for (int c = 0; c < BLOCK; c++) {
                        int px = bx + c;
                        if (px >= 0 && px < width) {
                            sums[py * width + px] += y[r][c];
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

    /** The first block origin, in plane coordinates, whose block reaches the plane's first pixel. */
    private static int firstOrigin(int origin) {
        // NB: origins lie where origin + o is a multiple of STEP; the first one above -BLOCK.
        int o = -BLOCK + 1;
        return o + Math.floorMod(-(origin + o), STEP);
    }

    /** The 2-D DCT of {@code block} in place (or its inverse), rows then columns, through {@code work}. */
    private static void transform(double[][] block, double[][] work, boolean inverse) {
        for (int r = 0; r < BLOCK; r++) {
            for (int k = 0; k < BLOCK; k++) {
                double sum = 0;
                for (int n = 0; n < BLOCK; n++) {
                    sum += (inverse ? BASIS[n][k] : BASIS[k][n]) * block[r][n];
                }
                work[r][k] = sum;
            }
        }
        for (int c = 0; c < BLOCK; c++) {
            for (int k = 0; k < BLOCK; k++) {
                double sum = 0;
                for (int n = 0; n < BLOCK; n++) {
                    sum += (inverse ? BASIS[n][k] : BASIS[k][n]) * work[n][c];
                }
                block[k][c] = sum;
            }
        }
    }
}
