package io.github.imagejgan.nn;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/**
 * The classical fills as they were first written, in engine operations over whole tensors (the formulation
 * inpaint-general was trained with): the reference that {@link HoleFills} must reproduce.
 */
final class TensorHoleFills {

    private static final float[] BILINEAR_ROWS = { 0.25f, 0.75f, 0f, 0f, 0.75f, 0.25f };
    private static final float[] NEIGHBOUR_MEAN = { 0, 0.25f, 0, 0.25f, 0, 0.25f, 0, 0.25f, 0 };
    private static final float[] BIHARMONIC = {
        0, 0, -1, 0, 0,
        0, -2, 8, -2, 0,
        -1, 8, 0, 8, -1,
        0, -2, 8, -2, 0,
        0, 0, -1, 0, 0 };
    private static final float[] LAPLACIAN = { 0, 1, 0, 1, -4, 1, 0, 1, 0 };
    private static final int FILL_SMOOTHING = HoleFills.FILL_SMOOTHING;
    private static final int THIN_PLATE_ITERATIONS = HoleFills.THIN_PLATE_ITERATIONS;
    private static final float TINY = (float) HoleFills.TINY;
    private static final float CONVERGED = (float) HoleFills.CONVERGED;
    private static final int BIHARMONIC_PASSES = HoleFills.BIHARMONIC_PASSES;
    private static final float BIHARMONIC_STEP = HoleFills.BIHARMONIC_STEP;

    private TensorHoleFills() {
    }

    static NDArray smoothFill(NDArray image, NDArray known) {
        NDArray coverage = known.broadcast(image.getShape());
        return towardsBiharmonic(pullPush(image, coverage), image.mul(coverage), coverage);
    }

    static NDArray thinPlateFill(NDArray image, NDArray known) {
        NDArray coverage = known.broadcast(image.getShape());
        NDArray start = pullPush(image, coverage);
        Shape s = image.getShape();
        if (s.get(2) < 3 || s.get(3) < 3) {
            return start;
        }
        long channels = s.get(1);
        NDArray laplacian = image.getManager().create(repeated(LAPLACIAN, (int) channels), new Shape(channels, 1, 3,
                3));
        NDArray missing = coverage.neg().add(1f);
        NDArray outside = outsideNeighbours(image.getManager(), s);
        int[] plane = { 2, 3 };
        NDArray u = start;
        NDArray r = thinPlate(u, laplacian, outside, channels).mul(missing).neg();
        NDArray p = r;
        NDArray rr = r.square().sum(plane, true);
        // NB: a plane stops once its residual has fallen by 1e5 (float precision): past that, ratios of tiny sums
        // send single pixels far out of range.
        NDArray converged = rr.mul(CONVERGED).add(TINY);
        for (int i = 0; i < THIN_PLATE_ITERATIONS; i++) {
            NDArray ap = thinPlate(p, laplacian, outside, channels).mul(missing);
            NDArray active = rr.gt(converged).toType(DataType.FLOAT32, false);
            NDArray alpha = rr.div(p.mul(ap).sum(plane, true).maximum(TINY)).mul(active);
            u = u.add(p.mul(alpha));
            r = r.sub(ap.mul(alpha));
            NDArray next = r.square().sum(plane, true);
            p = r.add(p.mul(next.div(rr.maximum(TINY)).mul(active)));
            rr = next;
        }
        return u;
    }

    private static NDArray thinPlate(NDArray u, NDArray laplacian, NDArray outside, long channels) {
        NDArray inner = neumannLaplacian(u, laplacian, outside, channels);
        return neumannLaplacian(inner, laplacian, outside, channels);
    }

    private static NDArray neumannLaplacian(NDArray u, NDArray laplacian, NDArray outside, long channels) {
        NDArray zeroPadded = Conv2d.conv2d(u, laplacian, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1),
                (int) channels).singletonOrThrow();
        return zeroPadded.add(u.mul(outside));
    }

    private static NDArray outsideNeighbours(NDManager manager, Shape shape) {
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        float[] counts = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                counts[y * w + x] = (y == 0 ? 1 : 0) + (y == h - 1 ? 1 : 0) + (x == 0 ? 1 : 0) + (x == w - 1 ? 1 : 0);
            }
        }
        return manager.create(counts, new Shape(1, 1, h, w));
    }

    private static NDArray pullPush(NDArray image, NDArray coverage) {
        List<NDArray> values = new ArrayList<>(List.of(image.mul(coverage)));
        List<NDArray> weights = new ArrayList<>(List.of(coverage));
        while (Math.max(values.get(values.size() - 1).getShape().get(2), values.get(values.size() - 1).getShape()
                .get(3)) > 1) {
            values.add(halve(values.get(values.size() - 1)));
            weights.add(halve(weights.get(weights.size() - 1)));
        }
        long channels = image.getShape().get(1);
        NDArray neighbours = image.getManager().create(repeated(NEIGHBOUR_MEAN, (int) channels), new Shape(channels,
                1, 3, 3));
        int top = values.size() - 1;
        NDArray fill = values.get(top).div(weights.get(top).maximum(1e-6f));
        for (int level = top - 1; level >= 0; level--) {
            Shape size = weights.get(level).getShape();
            NDArray uncovered = weights.get(level).neg().add(1f);
            NDArray coarse = upsampleBilinear(fill).get(new NDIndex(":, :, 0:{}, 0:{}", size.get(2),
                    size.get(3)));
            fill = values.get(level).add(coarse.mul(uncovered));
            for (int pass = 0; pass < FILL_SMOOTHING; pass++) {
                fill = values.get(level).add(fixedConv(Layers.replicateEdges(fill, 1), neighbours, channels).mul(uncovered));
            }
        }
        return fill;
    }

    private static NDArray towardsBiharmonic(NDArray fill, NDArray kept, NDArray coverage) {
        long channels = fill.getShape().get(1);
        float[] stencil = BIHARMONIC.clone();
        for (int i = 0; i < stencil.length; i++) {
            stencil[i] *= BIHARMONIC_STEP;
        }
        // One convolution per pass: half the old value plus half the stencil's (centre weight 0.5 added).
        stencil[stencil.length / 2] += 1 - BIHARMONIC_STEP * 20;
        NDArray kernel = fill.getManager().create(repeated(stencil, (int) channels), new Shape(channels, 1, 5, 5));
        NDArray missing = coverage.neg().add(1f);
        NDArray relaxed = fill;
        for (int pass = 0; pass < BIHARMONIC_PASSES; pass++) {
            relaxed = kept.add(fixedConv(Layers.replicateEdges(relaxed, 2), kernel, channels).mul(missing));
        }
        return relaxed;
    }

    private static NDArray halve(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true, false);
    }

    /** Linear upsampling by 2 (samples a quarter pixel either side of each input pixel), edges repeated. */
    private static NDArray upsampleBilinear(NDArray x) {
        long channels = x.getShape().get(1);
        float[] weights = new float[(int) channels * 36];
        int i = 0;
        for (long c = 0; c < channels; c++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int u = 0; u < 3; u++) {
                        for (int v = 0; v < 3; v++) {
                            weights[i++] = BILINEAR_ROWS[3 * a + u] * BILINEAR_ROWS[3 * b + v];
                        }
                    }
                }
            }
        }
        NDArray kernel = x.getManager().create(weights, new Shape(4 * channels, 1, 3, 3));
        return Layers.pixelShuffle(fixedConv(Layers.replicateEdges(x, 1), kernel, channels), 2);
    }

    private static NDArray fixedConv(NDArray x, NDArray kernel, long groups) {
        return Conv2d.conv2d(x, kernel, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), (int) groups)
                .singletonOrThrow();
    }

    private static float[] repeated(float[] values, int times) {
        float[] out = new float[values.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(values, 0, out, i * values.length, values.length);
        }
        return out;
    }
}
