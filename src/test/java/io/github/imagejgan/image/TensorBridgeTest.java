package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.DoubleArray;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

class TensorBridgeTest {

    static Stream<Arguments> shapes() {
        return Stream.of(8, 16, 24, 32).flatMap(bits -> Stream.of(
                Arguments.of(bits, 1, 1, 1),
                Arguments.of(bits, 1, 17, 1),
                Arguments.of(bits, 23, 1, 1),
                Arguments.of(bits, 31, 29, 1),
                Arguments.of(bits, 13, 7, bits == 24 ? 1 : 3)));
    }

    @ParameterizedTest(name = "{0}-bit {1}x{2}, {3} channels")
    @MethodSource("shapes")
    void imagePlusRoundTripIsExact(int bits, int w, int h, int channels) {
        ImagePlus in = TestImages.random(bits, w, h, channels, 2, 1, bits * 31L + w);
        ImagePlus out = ImagePlusImages.create(bits, w, h, channels, 2, 1, ImageMetadata.untitled("out"));
        HyperImage<?> src = ImagePlusImages.wrap(in);
        HyperImage<?> dst = ImagePlusImages.wrap(out);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int z = 0; z < 2; z++) {
                NDArray array = TensorBridge.read(manager, src.channelPlanes(z, 0), 0, 0, w, h, LinearMap.IDENTITY);
                assertEquals(new Shape(1, src.channels(), h, w), array.getShape());
                TensorBridge.write(array, 0, dst.channelPlanes(z, 0), 0, 0, LinearMap.IDENTITY);
            }
        }
        for (int i = 1; i <= in.getStackSize(); i++) {
            Object a = in.getStack().getPixels(i);
            Object b = out.getStack().getPixels(i);
            switch (bits) {
                case 8 -> assertArrayEquals((byte[]) a, (byte[]) b);
                case 16 -> assertArrayEquals((short[]) a, (short[]) b);
                case 32 -> assertArrayEquals((float[]) a, (float[]) b);
                default -> assertArrayEquals((int[]) a, (int[]) b);
            }
        }
    }

    @Test
    void tensorHoldsPixelsInNchwOrder() {
        ImagePlus in = TestImages.random(16, 5, 4, 2, 1, 1, 8);
        HyperImage<?> src = ImagePlusImages.wrap(in);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] values = TensorBridge.read(manager, src.channelPlanes(0, 0), 0, 0, 5, 4, LinearMap.IDENTITY)
                    .toFloatArray();
            for (int c = 0; c < 2; c++) {
                short[] plane = (short[]) in.getStack().getPixels(c + 1);
                for (int i = 0; i < 20; i++) {
                    assertEquals(plane[i] & 0xffff, values[c * 20 + i], 0f);
                }
            }
        }
    }

    @Test
    void genericPathMatchesArrayPath() {
        Img<UnsignedShortType> cells = new CellImgFactory<>(new UnsignedShortType(), 4).create(11, 9, 2);
        ArrayImg<UnsignedShortType, ?> array = ArrayImgs.unsignedShorts(11, 9, 2);
        java.util.Random random = new java.util.Random(4);
        LoopBuilder.setImages(cells, array).forEachPixel((a, b) -> {
            a.set(random.nextInt(65536));
            b.set(a);
        });
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray fromCells = TensorBridge.toNDArray(manager, cells);
            NDArray fromArray = TensorBridge.toNDArray(manager, array);
            assertEquals(new Shape(1, 2, 9, 11), fromCells.getShape());
            assertArrayEquals(fromArray.toFloatArray(), fromCells.toFloatArray());
            Img<UnsignedShortType> back = new CellImgFactory<>(new UnsignedShortType(), 5).create(11, 9, 2);
            TensorBridge.copyToImage(fromArray, back);
            LoopBuilder.setImages(back, array).forEachPixel((a, b) -> assertEquals(b.get(), a.get()));
        }
    }

    @Test
    void offsetViewsAndDoublePixelsTakeTheGenericPath() {
        ArrayImg<DoubleType, DoubleArray> big = ArrayImgs.doubles(20, 20);
        int[] k = { 0 };
        big.forEach(p -> p.set(k[0]++ * 0.5));
        RandomAccessibleInterval<DoubleType> block = Views.interval(big, new long[] { 3, 4 }, new long[] { 9, 6 });
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] values = TensorBridge.toNDArray(manager, block).toFloatArray();
            assertEquals(7 * 3, values.length);
            assertEquals((4 * 20 + 3) * 0.5, values[0], 0);
            assertEquals((6 * 20 + 9) * 0.5, values[values.length - 1], 0);
        }
    }

    @Test
    void writingToIntegerTypesClampsAndRoundsHalfUpOnEveryPath() {
        Img<UnsignedShortType> array = ArrayImgs.unsignedShorts(5, 1);
        Img<UnsignedShortType> cells = new CellImgFactory<>(new UnsignedShortType(), 2).create(5, 1);
        for (Img<UnsignedShortType> target : List.of(array, cells)) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray values = manager.create(new float[] { -5f, 2.5f, 2.4f, 70000f, Float.NaN },
                        new Shape(1, 1, 1, 5));
                TensorBridge.copyToImage(values, target);
            }
            int[] got = new int[5];
            int i = 0;
            for (UnsignedShortType p : target) {
                got[i++] = p.get();
            }
            assertArrayEquals(new int[] { 0, 3, 2, 65535, 0 }, got, target.getClass().getSimpleName());
        }
    }

    @Test
    void regionsBeyondThePlaneAreMirrored() {
        ArrayImg<FloatType, ?> line = ArrayImgs.floats(new float[] { 0, 1, 2, 3 }, 4, 1);
        List<PlaneAccess> planes = List.of(PlaneAccesses.plane(line));
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] got = TensorBridge.read(manager, planes, -3, -1, 10, 2, LinearMap.IDENTITY).toFloatArray();
            float[] row = { 3, 2, 1, 0, 1, 2, 3, 2, 1, 0 };
            for (int r = 0; r < 2; r++) {
                assertArrayEquals(row, java.util.Arrays.copyOfRange(got, r * 10, r * 10 + 10));
            }
        }
        assertEquals(0, Mirror.reflect(-7, 1));
        assertEquals(1, Mirror.reflect(-1, 2));
        assertEquals(0, Mirror.reflect(2, 2));
        // A padded copy mirrors the same way, rows and columns, past the plane's size.
        float[] padded = Mirror.padded(new float[] { 0, 1, 2, 3, 4, 5 }, 3, 2, 3);
        assertEquals(9 * 8, padded.length);
        assertArrayEquals(new float[] { 1, 2, 1, 0, 1, 2, 1, 0, 1 }, java.util.Arrays.copyOfRange(padded, 3 * 9,
                4 * 9));
        assertArrayEquals(new float[] { 4, 5, 4, 3, 4, 5, 4, 3, 4 }, java.util.Arrays.copyOfRange(padded, 0, 9));
    }

    @Test
    void mappingIsAppliedBothWays() {
        ImagePlus in = TestImages.random(16, 9, 9, 1, 1, 1, 2);
        HyperImage<?> src = ImagePlusImages.wrap(in);
        IntensityRange range = new IntensityRange(100, 60000);
        ImagePlus out = ImagePlusImages.create(16, 9, 9, 1, 1, 1, ImageMetadata.untitled("out"));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray normalized = TensorBridge.read(manager, src.channelPlanes(0, 0), 0, 0, 9, 9, range.normalizing());
            short[] raw = (short[]) in.getStack().getPixels(1);
            assertEquals(((raw[0] & 0xffff) - 100) / 59900.0, normalized.toFloatArray()[0], 1e-6);
            TensorBridge.write(normalized, 0, ImagePlusImages.wrap(out).channelPlanes(0, 0), 0, 0,
                    range.denormalizing());
        }
        assertArrayEquals((short[]) in.getStack().getPixels(1), (short[]) out.getStack().getPixels(1));
    }

    @Test
    void aCellImageLargeEnoughForParallelRowsReadsLikeItsArrayCopyUnderAMapping() {
        int w = 1030;
        int h = 1021;
        ArrayImg<UnsignedShortType, ?> array = ArrayImgs.unsignedShorts(w, h);
        Img<UnsignedShortType> cells = new CellImgFactory<>(new UnsignedShortType(), 64).create(w, h);
        java.util.Random random = new java.util.Random(7);
        LoopBuilder.setImages(array, cells).forEachPixel((a, b) -> {
            a.set(random.nextInt(65536));
            b.set(a);
        });
        LinearMap map = new IntensityRange(100, 60000).normalizing();
        List<PlaneAccess> fromArray = List.of(PlaneAccesses.plane(array));
        List<PlaneAccess> fromCells = List.of(PlaneAccesses.plane(cells));
        try (NDManager manager = NDManager.newBaseManager()) {
            // A region beyond the plane on every side: bulk rows and mirrored single pixels both go through the cells.
            float[] expected = TensorBridge.read(manager, fromArray, -5, -3, w + 9, h + 7, map).toFloatArray();
            float[] got = TensorBridge.read(manager, fromCells, -5, -3, w + 9, h + 7, map).toFloatArray();
            assertArrayEquals(expected, got);
        }
    }

    @Test
    void aViewThatPrimitiveBlocksCannotAnalyseIsStillReadExactly() {
        ArrayImg<DoubleType, DoubleArray> first = ArrayImgs.doubles(new double[] { 1, 2, 3, 4, 5, 6 }, 3, 2);
        ArrayImg<DoubleType, DoubleArray> second = ArrayImgs.doubles(new double[] { -1, -2, -3, -4, -5, 0.25 }, 3, 2);
        RandomAccessibleInterval<DoubleType> stacked = Views.stack(first, second);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] values = TensorBridge.toNDArray(manager, stacked).toFloatArray();
            assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, 0.25f }, values);
        }
    }
}
