package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ij.ImagePlus;
import io.github.imagejgan.task.CancelledException;
import io.github.imagejgan.task.TaskMonitor;
import net.imglib2.type.numeric.real.FloatType;

class TiledProcessorTest {

    private static float[][] run(ImagePlus input, TileSpec spec, int scale, int batch, int outChannels,
            TileFunction f) {
        HyperImage<?> in = ImagePlusImages.wrap(input);
        HyperImage<FloatType> out = HyperImage.createFloat((long) in.width() * scale, (long) in.height() * scale,
                outChannels, in.slices(), in.frames(), ImageMetadata.untitled("out"));
        new TiledProcessor(spec, scale, batch, Device.cpu()).process(in, out, LinearMap.IDENTITY, LinearMap.IDENTITY,
                f, TaskMonitor.NONE);
        List<float[]> planes = new ArrayList<>();
        for (PlaneAccess p : out.allPlanes()) {
            java.nio.FloatBuffer b = java.nio.FloatBuffer.allocate((int) p.size());
            for (int y = 0; y < p.height(); y++) {
                p.readRow(y, 0, p.width(), b, y * p.width(), LinearMap.IDENTITY);
            }
            planes.add(b.array());
        }
        return planes.toArray(float[][]::new);
    }

    private static void assertClose(float[][] expected, float[][] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int p = 0; p < expected.length; p++) {
            for (int i = 0; i < expected[p].length; i++) {
                assertEquals(expected[p][i], actual[p][i], tolerance, "plane " + p + " pixel " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1}, tile {2}, overlap {3}, divisor {4}")
    @CsvSource({ "37,23,16,0,1", "100,67,32,8,4", "61,61,24,12,8", "5,130,32,6,16" })
    void identityTiledEqualsUntiledAndInput(int w, int h, int tile, int overlap, int divisor) {
        ImagePlus input = TestImages.pattern(w, h, 2, 3);
        float[][] untiled = run(input, TileSpec.untiled(0, divisor), 1, 1, 2, b -> b);
        float[][] tiled = run(input, new TileSpec(tile, 0, overlap, divisor), 1, 3, 2, b -> b);
        assertClose(untiled, tiled, 1e-5);
        float[][] original = { (float[]) input.getStack().getPixels(1), (float[]) input.getStack().getPixels(2) };
        assertClose(original, tiled, 1e-5);
    }

    /**
     * The network meets the image's edges with a little mirrored context ({@link AxisTiling#EDGE_CONTEXT}, here the
     * whole halo of 4), as it does over the whole image extended by that much: tiled output equals the plain forward
     * of the mirror-extended plane, cropped, edges included.
     */
    @ParameterizedTest(name = "scale {0}, {1}x{2}, tile {3}, overlap {4}")
    @CsvSource({ "1,53,41,16,0", "1,53,41,16,8", "2,45,29,20,10", "1,130,7,32,4", "1,40,40,64,0" })
    void tiledEqualsTheNetworkOverTheMirrorExtendedImage(int scale, int w, int h, int tile, int overlap) {
        ImagePlus input = TestImages.pattern(w, h, 1, 5);
        float[] pixels = (float[]) input.getProcessor().convertToFloatProcessor().getPixels();
        int e = Math.min(AxisTiling.EDGE_CONTEXT, 4);
        int ew = w + 2 * e;
        int eh = h + 2 * e;
        float[] extended = new float[ew * eh];
        for (int y = 0; y < eh; y++) {
            for (int x = 0; x < ew; x++) {
                extended[y * ew + x] = pixels[Mirror.reflect(y - e, h) * w + Mirror.reflect(x - e, w)];
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = SmallNetworks.twoConvs(manager, 1, 1, scale, 42);
            TileFunction f = SmallNetworks.asFunction(net, scale);
            float[][] tiled = run(input, new TileSpec(tile, 4, overlap, 1), scale, 2, 1, f);
            float[] forward = f.apply(manager.create(extended, new Shape(1, 1, eh, ew))).toFloatArray();
            float[] whole = new float[w * h * scale * scale];
            for (int y = 0; y < h * scale; y++) {
                System.arraycopy(forward, (y + e * scale) * ew * scale + e * scale, whole, y * w * scale, w * scale);
            }
            assertClose(new float[][] { whole }, tiled, 1e-4);
        }
    }

    @ParameterizedTest(name = "scale {0}, {1}x{2}, tile {3}, overlap {4}, mirrored edges {5}")
    @CsvSource({ "1,53,41,16,0,false", "1,53,41,16,8,true", "2,45,29,16,0,true", "2,45,29,20,10,false",
            "1,130,7,32,4,true" })
    void convNetworkTiledEqualsUntiled(int scale, int w, int h, int tile, int overlap, boolean mirrored) {
        ImagePlus input = TestImages.pattern(w, h, 1, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = SmallNetworks.twoConvs(manager, 1, 1, scale, 42);
            TileFunction f = SmallNetworks.asFunction(net, scale);
            TileSpec whole = mirrored ? TileSpec.untiled(4, 1).withMirroredEdges() : TileSpec.untiled(4, 1);
            TileSpec tiles = mirrored ? new TileSpec(tile, 4, overlap, 1).withMirroredEdges()
                    : new TileSpec(tile, 4, overlap, 1);
            float[][] untiled = run(input, whole, scale, 1, 1, f);
            float[][] tiled = run(input, tiles, scale, 2, 1, f);
            assertClose(untiled, tiled, 1e-4);
            // The edge context (4 pixels here) covers this network's whole receptive field (2), so mirroring a whole
            // halo at the edges computes the same.
            float[][] other = run(input, mirrored ? TileSpec.untiled(4, 1) : TileSpec.untiled(4, 1)
                    .withMirroredEdges(), scale, 1, 1, f);
            assertClose(untiled, other, 1e-4);
            double energy = 0;
            for (float v : untiled[0]) {
                energy += v * v;
            }
            assertTrue(energy > 1e-3, "the network must produce a non-trivial output");
        }
    }

    @Test
    void tooSmallHaloShowsSeams() {
        ImagePlus input = TestImages.pattern(64, 64, 1, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            TileFunction f = SmallNetworks.asFunction(SmallNetworks.twoConvs(manager, 1, 1, 1, 42), 1);
            float[][] untiled = run(input, TileSpec.untiled(4, 1), 1, 1, 1, f);
            float[][] noHalo = run(input, new TileSpec(16, 0, 0, 1), 1, 1, 1, f);
            double maxDiff = 0;
            for (int i = 0; i < untiled[0].length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(untiled[0][i] - noHalo[0][i]));
            }
            assertTrue(maxDiff > 1e-3, "without a halo, zero padding at tile borders must change the result");
        }
    }

    @Test
    void processesEveryPlaneOfA5DImage() {
        ImagePlus input = TestImages.random(16, 19, 17, 2, 3, 2, 4);
        float[][] tiled = run(input, new TileSpec(8, 0, 4, 1), 1, 4, 2, b -> b.mul(2f));
        for (int i = 0; i < input.getStackSize(); i++) {
            // HyperImage planes run C, Z, T like ImageJ's stack.
            short[] original = (short[]) input.getStack().getPixels(i + 1);
            for (int k = 0; k < original.length; k++) {
                assertEquals(2f * (original[k] & 0xffff), tiled[i][k], 1e-2);
            }
        }
    }

    @Test
    void overlappingTilesBlendLinearly() {
        ImagePlus input = TestImages.pattern(32, 8, 1, 1);
        AtomicInteger tileIndex = new AtomicInteger();
        // Each tile answers with its own index, so the blend band shows the weights themselves.
        float[][] out = run(input, new TileSpec(16, 0, 8, 1), 1, 1, 1,
                b -> b.zerosLike().add((float) tileIndex.getAndIncrement()));
        float[] row = java.util.Arrays.copyOfRange(out[0], 0, 32);
        assertEquals(0f, row[11], 1e-6);
        assertEquals(1f, row[20], 1e-6);
        for (int x = 12; x < 20; x++) {
            assertEquals((x - 12 + 0.5f) / 8f, row[x], 1e-6, "blend weight at x=" + x);
        }
    }

    @Test
    void writesSameTypeOutputWithClamping() {
        ImagePlus input = TestImages.random(8, 20, 10, 1, 1, 1, 7);
        ImagePlus output = ImagePlusImages.create(8, 20, 10, 1, 1, 1, ImageMetadata.untitled("out"));
        new TiledProcessor(new TileSpec(8, 2, 4, 1), 1, 1, Device.cpu()).process(ImagePlusImages.wrap(input),
                ImagePlusImages.wrap(output), LinearMap.IDENTITY, LinearMap.IDENTITY, b -> b.mul(2f),
                TaskMonitor.NONE);
        byte[] in = (byte[]) input.getProcessor().getPixels();
        byte[] out = (byte[]) output.getProcessor().getPixels();
        for (int i = 0; i < in.length; i++) {
            assertEquals(Math.min(255, 2 * (in[i] & 0xff)), out[i] & 0xff);
        }
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        ImagePlus input = TestImages.pattern(64, 64, 1, 1);
        HyperImage<?> in = ImagePlusImages.wrap(input);
        HyperImage<FloatType> out = HyperImage.createFloat(64, 64, 1, 1, 1, ImageMetadata.untitled("out"));
        List<Long> reported = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        TaskMonitor monitor = new TaskMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                reported.add(done);
                assertEquals(16, total);
            }

            @Override
            public boolean isCancelled() {
                return reported.size() >= 3;
            }
        };
        TiledProcessor processor = new TiledProcessor(new TileSpec(16, 0, 0, 1), 1, 1, Device.cpu());
        assertThrows(CancelledException.class, () -> processor.process(in, out, LinearMap.IDENTITY,
                LinearMap.IDENTITY, b -> {
                    calls.incrementAndGet();
                    return b;
                }, monitor));
        assertArrayEquals(new Object[] { 1L, 2L, 3L }, reported.toArray());
        assertEquals(3, calls.get(), "no tile may run after the cancel");
    }

    @Test
    void wrongNetworkOutputShapeIsExplained() {
        ImagePlus input = TestImages.pattern(16, 16, 1, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(input, new TileSpec(16, 0, 0, 1), 2, 1, 1, b -> b));
        assertTrue(e.getMessage().contains("scale factor"), e.getMessage());
    }
}
