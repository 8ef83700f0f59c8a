package io.github.imagejgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

class HoleFillsTest {

    /**
     * Smooth waves with noise over them, and holes of every kind the inpainting networks see: boxes from a few pixels to
     * a third of the side, strokes, lone pixels, and holes at the image's edges.
     */
    private static float[][] imageAndCoverage(Random random, int planes, int coveragePlanes, int h, int w) {
        float[] image = new float[planes * h * w];
        for (int i = 0; i < image.length; i++) {
            int x = i % w;
            int y = i / w % h;
            int plane = i / (h * w);
            image[i] = (float) (Math.sin(0.21 * x + plane) * Math.cos(0.13 * y) + 0.1 * random.nextGaussian());
        }
        float[] coverage = new float[coveragePlanes * h * w];
        java.util.Arrays.fill(coverage, 1);
        for (int plane = 0; plane < coveragePlanes; plane++) {
            int at = plane * h * w;
            for (int box = 0; box < 3; box++) {
                int side = 2 + random.nextInt(Math.min(h, w) / 3);
                int y0 = random.nextInt(h - side + 1);
                int x0 = random.nextInt(w - side + 1);
                for (int y = y0; y < y0 + side; y++) {
                    for (int x = x0; x < x0 + side; x++) {
                        coverage[at + y * w + x] = 0;
                    }
                }
            }
            for (int x = 0; x < w; x++) {
                int y = (int) (h / 2 + 0.3 * x) % h;
                coverage[at + y * w + x] = 0;
                coverage[at + Math.min(y + 1, h - 1) * w + x] = 0;
            }
            coverage[at + w - 1] = 0;
            coverage[at + (h - 1) * w] = 0;
            for (int dot = 0; dot < 5; dot++) {
                coverage[at + random.nextInt(h * w)] = 0;
            }
        }
        return new float[][] { image, coverage };
    }

    @Test
    void theFillsReproduceTheirTensorFormulation() {
        Random random = new Random(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            int[][] cases = { { 2, 3, 1, 37, 50 }, { 1, 2, 2, 64, 33 }, { 3, 1, 1, 4, 7 }, { 1, 1, 1, 96, 96 } };
            for (int[] c : cases) {
                int n = c[0];
                int channels = c[1];
                int coverageChannels = c[2];
                int h = c[3];
                int w = c[4];
                float[][] data = imageAndCoverage(random, n * channels, n * coverageChannels, h, w);
                NDArray known = manager.create(data[1], new Shape(n, coverageChannels, h, w));
                NDArray image = manager.create(data[0], new Shape(n, channels, h, w)).mul(known.broadcast(n,
                        channels, h, w));
                String name = n + "x" + channels + "x" + h + "x" + w + " (" + coverageChannels + " mask channels)";
                NDArray thin = Layers.thinPlateFill(image, known);
                assertEquals(image.getShape(), thin.getShape());
                float thinGap = thin.sub(TensorHoleFills.thinPlateFill(image, known)).abs().max().getFloat();
                float smoothGap = Layers.smoothFill(image, known).sub(TensorHoleFills.smoothFill(image, known)).abs()
                        .max().getFloat();
                // NB: conjugate gradients in float carry rounding differences along (1e-7 after 10 steps, up to 1e-3
                // of these images' range of about 2.5 in between, 1e-4 after the 100): sums in another order.
                assertTrue(thinGap < 1e-3, name + ": thin-plate fills differ by " + thinGap);
                assertTrue(smoothGap < 2e-5, name + ": smooth fills differ by " + smoothGap);
                float[] filled = thin.toFloatArray();
                float[] values = image.toFloatArray();
                float[] coverage = known.broadcast(n, channels, h, w).toFloatArray();
                for (int i = 0; i < filled.length; i++) {
                    if (coverage[i] == 1) {
                        assertEquals(values[i], filled[i], 0, name + ": known pixel " + i);
                    }
                }
            }
            float[][] data = imageAndCoverage(random, 3, 1, 30, 40);
            NDArray shared = manager.create(data[1], new Shape(1, 1, 30, 40));
            NDArray batch = manager.create(data[0], new Shape(3, 1, 30, 40)).mul(shared);
            float gap = Layers.thinPlateFill(batch, shared).sub(TensorHoleFills.thinPlateFill(batch, shared)).abs()
                    .max().getFloat();
            assertTrue(gap < 1e-3, "one mask for a batch of three: fills differ by " + gap);
        }
    }
}
