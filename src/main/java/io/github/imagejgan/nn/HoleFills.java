package io.github.imagejgan.nn;

import java.util.Arrays;

/**
 * The classical fills that inpainting networks start from ({@link Layers#smoothFill}, {@link Layers#thinPlateFill}),
 * computed on one plane at a time in plain arrays, visiting only the pixels each step can change.
 *
 * <p>Why not tensor operations: the fills take thousands of small steps (a pull-push pyramid with 16 smoothing passes
 * per level, then 100 conjugate-gradient steps), each of which, as engine operations, costs a call and a new tensor
 * over the whole plane, holes or not. A 320-pixel tile took about 0.55 s that way on two cores, most of a 1024 x 1024
 * inpainting's time, and a 96-pixel training crop 0.15 s; here the work follows the holes. The arithmetic is the same
 * (float values, sums in double): the results agree with the tensor formulation to float rounding
 * ({@code HoleFillsTest}).
 *
 * <p>Each method takes a plane's values, its coverage (1 known, 0 missing; fractions weigh both) and its size, and
 * returns a new plane: known pixels keep their values.
 */
final class HoleFills {

    /** Smoothing passes at each level of the pull-push pyramid. */
    static final int FILL_SMOOTHING = 16;

    /**
     * Conjugate-gradient steps of the thin-plate fill. 100: on the real-image benchmark inpaint-general (trained with
     * 200) scored as well with 100 (boxes +1.21 against +1.12 dB over the biharmonic fill, strokes +0.13 against
     * +0.12), at a quarter of the time (models/inpaint-general.md). The network has learned this fill: more steps
     * are not a better input for it.
     */
    static final int THIN_PLATE_ITERATIONS = 100;

    /** Smallest denominator of a conjugate-gradient step (planes without holes have none). */
    static final double TINY = 1e-30;

    /** Fall of the squared residual at which a plane's conjugate gradients stop (float precision). */
    static final double CONVERGED = 1e-10;

    /** Damped relaxation passes towards the biharmonic fill of {@link #smooth}, and their step (1 is unstable). */
    static final int BIHARMONIC_PASSES = 200;
    static final float BIHARMONIC_STEP = 0.5f / 20;

    /**
     * The 13-point biharmonic stencil solved for the centre (Laplacian squared = 0: 8 x the four neighbours, -2 x the
     * diagonals, -1 x the pixels two away, over 20), as offsets and weights.
     */
    private static final int[][] BIHARMONIC_OFFSETS = { { -2, 0 }, { -1, -1 }, { -1, 0 }, { -1, 1 }, { 0, -2 },
        { 0, -1 }, { 0, 1 }, { 0, 2 }, { 1, -1 }, { 1, 0 }, { 1, 1 }, { 2, 0 } };
    private static final float[] BIHARMONIC_WEIGHTS = { -1, -2, 8, -2, -1, 8, 8, -1, -2, 8, -2, -1 };

    private HoleFills() {
    }

    /**
     * The pull-push fill: known values and their coverage averaged down 2 x 2 per level (a last odd row or column on
     * its own) to one pixel; then, from the coarsest level up, each level blends its known mean with the bilinearly
     * upsampled coarser fill by its coverage and relaxes the uncovered part towards the mean of its four neighbours
     * (edges repeated), {@value #FILL_SMOOTHING} passes.
     */
    static float[] pullPush(float[] image, float[] coverage, int w, int h) {
        int levels = 1;
        for (int lw = w, lh = h; Math.max(lw, lh) > 1; lw = (lw + 1) / 2, lh = (lh + 1) / 2) {
            levels++;
        }
        float[][] values = new float[levels][];
        float[][] weights = new float[levels][];
        int[] widths = new int[levels];
        int[] heights = new int[levels];
        values[0] = new float[w * h];
        for (int i = 0; i < values[0].length; i++) {
            values[0][i] = image[i] * coverage[i];
        }
        weights[0] = coverage;
        widths[0] = w;
        heights[0] = h;
        for (int level = 1; level < levels; level++) {
            widths[level] = (widths[level - 1] + 1) / 2;
            heights[level] = (heights[level - 1] + 1) / 2;
            values[level] = halve(values[level - 1], widths[level - 1], heights[level - 1]);
            weights[level] = halve(weights[level - 1], widths[level - 1], heights[level - 1]);
        }
        int top = levels - 1;
        float[] fill = new float[values[top].length];
        for (int i = 0; i < fill.length; i++) {
            fill[i] = values[top][i] / Math.max(weights[top][i], 1e-6f);
        }
        for (int level = top - 1; level >= 0; level--) {
            fill = pushed(fill, widths[level + 1], heights[level + 1], values[level], weights[level], widths[level],
                    heights[level]);
        }
        return fill;
    }

    /**
     * One level of the push: the coarser fill upsampled where this level is not fully covered, blended with its known
     * mean, then smoothed there.
     */
    private static float[] pushed(float[] coarse, int cw, int ch, float[] values, float[] weights, int w, int h) {
        int[] open = where(weights, 1f);
        float[] fill = values.clone();
        float[] uncovered = new float[open.length];
        float[] known = new float[open.length];
        for (int k = 0; k < open.length; k++) {
            int i = open[k];
            uncovered[k] = 1 - weights[i];
            known[k] = values[i];
            fill[i] = values[i] + bilinear(coarse, cw, ch, i / w, i % w) * uncovered[k];
        }
        relax(fill, open, known, uncovered, FILL_SMOOTHING, w, (plane, i, y, x) -> plane[y > 0 ? i - w : i] * 0.25f
                + plane[x > 0 ? i - 1 : i] * 0.25f + plane[x < w - 1 ? i + 1 : i] * 0.25f + plane[y < h - 1 ? i + w
                        : i] * 0.25f);
        return fill;
    }

    /**
     * The coarse fill's value at fine pixel {@code (y, x)}: linear interpolation at the two sample positions a
     * factor-2 upsampling puts between coarse pixels (a quarter pixel before or after each), edges repeated.
     */
    private static float bilinear(float[] coarse, int cw, int ch, int y, int x) {
        int cy = y / 2;
        int cx = x / 2;
        int y0 = (y & 1) == 0 ? Math.max(cy - 1, 0) : cy;
        int y1 = (y & 1) == 0 ? cy : Math.min(cy + 1, ch - 1);
        int x0 = (x & 1) == 0 ? Math.max(cx - 1, 0) : cx;
        int x1 = (x & 1) == 0 ? cx : Math.min(cx + 1, cw - 1);
        float ry0 = (y & 1) == 0 ? 0.25f : 0.75f;
        float rx0 = (x & 1) == 0 ? 0.25f : 0.75f;
        float top = rx0 * coarse[y0 * cw + x0] + (1 - rx0) * coarse[y0 * cw + x1];
        float bottom = rx0 * coarse[y1 * cw + x0] + (1 - rx0) * coarse[y1 * cw + x1];
        return ry0 * top + (1 - ry0) * bottom;
    }

    /** 2 x 2 means, a last odd row or column averaged on its own. */
    private static float[] halve(float[] plane, int w, int h) {
        int hw = (w + 1) / 2;
        int hh = (h + 1) / 2;
        float[] out = new float[hw * hh];
        for (int y = 0; y < hh; y++) {
            int y0 = 2 * y;
            int y1 = Math.min(y0 + 1, h - 1);
            for (int x = 0; x < hw; x++) {
                int x0 = 2 * x;
                int x1 = Math.min(x0 + 1, w - 1);
                float sum = plane[y0 * w + x0];
                int count = 1;
                if (x1 != x0) {
                    sum += plane[y0 * w + x1];
                    count++;
                }
                if (y1 != y0) {
                    sum += plane[y1 * w + x0];
                    count++;
                    if (x1 != x0) {
                        sum += plane[y1 * w + x1];
                        count++;
                    }
                }
                out[y * hw + x] = sum / count;
            }
        }
        return out;
    }

    /**
     * The smooth fill of earlier models: the pull-push fill, then {@value #BIHARMONIC_PASSES} damped passes that move
     * each missing pixel half way towards the 13-point biharmonic stencil's value (edges repeated).
     */
    static float[] smooth(float[] image, float[] coverage, int w, int h) {
        float[] relaxed = pullPush(image, coverage, w, h);
        int[] open = where(coverage, 1f);
        float[] kept = new float[open.length];
        float[] missing = new float[open.length];
        for (int k = 0; k < open.length; k++) {
            kept[k] = image[open[k]] * coverage[open[k]];
            missing[k] = 1 - coverage[open[k]];
        }
        float centre = 1 - BIHARMONIC_STEP * 20;
        relax(relaxed, open, kept, missing, BIHARMONIC_PASSES, w, (plane, i, y, x) -> {
            float sum = centre * plane[i];
            for (int t = 0; t < BIHARMONIC_OFFSETS.length; t++) {
                int sy = Math.min(Math.max(y + BIHARMONIC_OFFSETS[t][0], 0), h - 1);
                int sx = Math.min(Math.max(x + BIHARMONIC_OFFSETS[t][1], 0), w - 1);
                sum += BIHARMONIC_WEIGHTS[t] * BIHARMONIC_STEP * plane[sy * w + sx];
            }
            return sum;
        });
        return relaxed;
    }

    /**
     * The thin-plate fill: the pull-push fill, then {@value #THIN_PLATE_ITERATIONS} conjugate-gradient steps on the
     * missing pixels towards the least thin-plate energy (the sum of squared Laplacians, with the image's edges
     * repeated), stopped once the squared residual has fallen by {@value #CONVERGED}. Planes under 3 pixels a side
     * keep the pull-push fill.
     */
    static float[] thinPlate(float[] image, float[] coverage, int w, int h) {
        float[] u = pullPush(image, coverage, w, h);
        if (w < 3 || h < 3) {
            return u;
        }
        int[] holes = where(coverage, 1f);
        if (holes.length == 0) {
            return u;
        }
        ThinPlate operator = new ThinPlate(holes, w, h);
        float[] missing = new float[holes.length];
        for (int k = 0; k < holes.length; k++) {
            missing[k] = 1 - coverage[holes[k]];
        }
        float[] r = operator.apply(u);
        for (int k = 0; k < r.length; k++) {
            r[k] = -r[k] * missing[k];
        }
        float[] p = r.clone();
        float[] dense = new float[w * h];
        double rr = squares(r);
        double converged = rr * CONVERGED + TINY;
        for (int iteration = 0; iteration < THIN_PLATE_ITERATIONS && rr > converged; iteration++) {
            for (int k = 0; k < holes.length; k++) {
                dense[holes[k]] = p[k];
            }
            float[] ap = operator.apply(dense);
            double pap = 0;
            for (int k = 0; k < ap.length; k++) {
                ap[k] *= missing[k];
                pap += (double) p[k] * ap[k];
            }
            float alpha = (float) (rr / Math.max(pap, TINY));
            for (int k = 0; k < holes.length; k++) {
                u[holes[k]] += alpha * p[k];
                r[k] -= alpha * ap[k];
            }
            double next = squares(r);
            float beta = (float) (next / Math.max(rr, TINY));
            for (int k = 0; k < p.length; k++) {
                p[k] = r[k] + p[k] * beta;
            }
            rr = next;
        }
        return u;
    }

    /** A stencil's value at pixel {@code i} = {@code (y, x)} of a plane. */
    private interface Stencil {
        float at(float[] plane, int i, int y, int x);
    }

    /**
     * Jacobi passes over the open pixels of a plane {@code w} wide: in each, every open pixel {@code open[k]} becomes
     * {@code base[k] + share[k] * stencil}, the stencil taken on the plane as the pass found it.
     */
    private static void relax(float[] plane, int[] open, float[] base, float[] share, int passes, int w,
            Stencil stencil) {
        float[] next = new float[open.length];
        for (int pass = 0; pass < passes; pass++) {
            for (int k = 0; k < open.length; k++) {
                int i = open[k];
                next[k] = base[k] + stencil.at(plane, i, i / w, i % w) * share[k];
            }
            for (int k = 0; k < open.length; k++) {
                plane[open[k]] = next[k];
            }
        }
    }

    private static double squares(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return sum;
    }

    /** Indices of the pixels whose coverage is below {@code full}. */
    private static int[] where(float[] coverage, float full) {
        int[] out = new int[coverage.length];
        int n = 0;
        for (int i = 0; i < coverage.length; i++) {
            if (coverage[i] < full) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The thin-plate energy's gradient, the Laplacian of the Laplacian (each a 5-point Laplacian with the image's
     * edges repeated: a symmetric operator, as conjugate gradients need), evaluated at a set of pixels: the inner
     * Laplacian on those pixels and their four neighbours, the outer one on the pixels.
     */
    private static final class ThinPlate {

        final int[] pixels;
        final int[] band;
        final int w;
        final int h;
        final float[] laplacian;

        ThinPlate(int[] pixels, int w, int h) {
            this.pixels = pixels;
            this.w = w;
            this.h = h;
            boolean[] inBand = new boolean[w * h];
            for (int i : pixels) {
                int y = i / w;
                int x = i % w;
                inBand[i] = true;
                if (y > 0) {
                    inBand[i - w] = true;
                }
                if (y < h - 1) {
                    inBand[i + w] = true;
                }
                if (x > 0) {
                    inBand[i - 1] = true;
                }
                if (x < w - 1) {
                    inBand[i + 1] = true;
                }
            }
            int n = 0;
            int[] all = new int[w * h];
            for (int i = 0; i < inBand.length; i++) {
                if (inBand[i]) {
                    all[n++] = i;
                }
            }
            band = Arrays.copyOf(all, n);
            laplacian = new float[w * h];
        }

        /** The operator applied to the whole plane {@code v}, at the pixels (in their order). */
        float[] apply(float[] v) {
            for (int i : band) {
                laplacian[i] = laplacian(v, i);
            }
            float[] out = new float[pixels.length];
            for (int k = 0; k < pixels.length; k++) {
                out[k] = laplacian(laplacian, pixels[k]);
            }
            return out;
        }

        /**
         * The 5-point Laplacian at pixel {@code i}, a neighbour outside the image counting as the pixel itself (its
         * term drops out).
         */
        private float laplacian(float[] v, int i) {
            int y = i / w;
            int x = i % w;
            float centre = v[i];
            float sum = 0;
            if (y > 0) {
                sum += v[i - w] - centre;
            }
            if (y < h - 1) {
                sum += v[i + w] - centre;
            }
            if (x > 0) {
                sum += v[i - 1] - centre;
            }
            if (x < w - 1) {
                sum += v[i + 1] - centre;
            }
            return sum;
        }
    }
}
