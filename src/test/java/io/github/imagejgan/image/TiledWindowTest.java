package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ij.ImagePlus;
import io.github.imagejgan.task.TaskMonitor;

/** A plane produced window by window, each reading only its input window, is the plane produced whole. */
class TiledWindowTest {

    /** A plane that fails on any read outside the window a block would hold. */
    private record Guarded(PlaneAccess plane, PlaneWindow held) implements PlaneAccess {

        @Override
        public int width() {
            return plane.width();
        }

        @Override
        public int height() {
            return plane.height();
        }

        @Override
        public int integerLevels() {
            return plane.integerLevels();
        }

        @Override
        public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
            if (y < held.y() || y >= held.endY() || x0 < held.x() || x0 + n > held.endX()) {
                throw new IllegalStateException("read outside " + held + ": row " + y + ", " + x0 + "+" + n);
            }
            plane.readRow(y, x0, n, dst, dstIndex, map);
        }

        @Override
        public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
            throw new UnsupportedOperationException();
        }
    }

    private static float[] pixels(PlaneAccess p) {
        FloatBuffer b = FloatBuffer.allocate((int) p.size());
        for (int y = 0; y < p.height(); y++) {
            p.readRow(y, 0, p.width(), b, y * p.width(), LinearMap.IDENTITY);
        }
        return b.array();
    }

    @ParameterizedTest(name = "scale {0}, {1}x{2}, tile {3}, overlap {4}, windows of {5}")
    @CsvSource({ "1,53,41,16,0,20", "1,53,41,16,8,13", "2,45,29,20,10,16", "1,70,9,16,4,32" })
    void windowsReadingOnlyTheirInputWindowGiveTheWholePlane(int scale, int w, int h, int tile, int overlap,
            int block) {
        ImagePlus input = TestImages.pattern(w, h, 1, 5);
        PlaneAccess plane = ImagePlusImages.wrap(input).plane(0, 0, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            TileFunction f = SmallNetworks.asFunction(SmallNetworks.twoConvs(manager, 1, 1, scale, 42), scale);
            TiledProcessor processor = new TiledProcessor(new TileSpec(tile, 4, overlap, 2), scale, 1, Device.cpu());
            PlaneAccess whole = HyperImage.createFloat((long) w * scale, (long) h * scale, 1, 1, 1,
                    ImageMetadata.untitled("whole")).plane(0, 0, 0);
            processor.processPlane(List.of(plane), List.of(whole), LinearMap.IDENTITY, LinearMap.IDENTITY, f,
                    TaskMonitor.NONE);
            float[] expected = pixels(whole);
            float[] assembled = new float[expected.length];
            for (int y0 = 0; y0 < h; y0 += block) {
                for (int x0 = 0; x0 < w; x0 += block) {
                    PlaneWindow window = new PlaneWindow(x0, y0, Math.min(block, w - x0), Math.min(block, h - y0));
                    PlaneWindow held = processor.inputWindow(w, h, window);
                    PlaneAccess part = HyperImage.createFloat((long) window.width() * scale,
                            (long) window.height() * scale, 1, 1, 1, ImageMetadata.untitled("part")).plane(0, 0, 0);
                    processor.processWindow(List.of(new Guarded(plane, held)), window, List.of(part),
                            LinearMap.IDENTITY, LinearMap.IDENTITY, f, TaskMonitor.NONE);
                    float[] got = pixels(part);
                    for (int y = 0; y < part.height(); y++) {
                        System.arraycopy(got, y * part.width(), assembled,
                                (y0 * scale + y) * w * scale + x0 * scale, part.width());
                    }
                }
            }
            assertArrayEquals(expected, assembled, "bit for bit");
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({ "40,30" })
    void aWindowBeyondThePlaneIsRefused(int w, int h) {
        PlaneAccess plane = ImagePlusImages.wrap(TestImages.pattern(w, h, 1, 5)).plane(0, 0, 0);
        TiledProcessor processor = new TiledProcessor(new TileSpec(16, 2, 0, 1), 1, 1, Device.cpu());
        assertThrows(RuntimeException.class, () -> processor.processWindow(List.of(plane),
                new PlaneWindow(30, 0, 20, 10), List.of(plane), LinearMap.IDENTITY, LinearMap.IDENTITY, b -> b,
                TaskMonitor.NONE));
    }
}
