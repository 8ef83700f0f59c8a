package io.github.imagejgan.image;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ij.ImagePlus;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedShortType;

/**
 * Bridge throughput on a 4096 x 4096 16-bit image, each way, beside a plain {@code System.arraycopy} of the same
 * 32 MB measured in the same run; the same pixels in an ImgLib2 cell image time the path for images that are not one
 * primitive array per plane, and PrimitiveBlocks over the ImagePlus array shows why such arrays are read by a loop
 * of their own. Run with {@code scripts/bench/bridge-throughput.sh}; not a test.
 */
public final class BridgeBenchmark {

    private static final int SIZE = 4096;
    private static final int REPEATS = 15;

    @FunctionalInterface
    private interface Work {
        void run();
    }

    public static void main(String[] args) {
        ImagePlus input = TestImages.random(16, SIZE, SIZE, 1, 1, 1, 1);
        ImagePlus output = ImagePlusImages.create(16, SIZE, SIZE, 1, 1, 1, ImageMetadata.untitled("out"));
        var inPlanes = ImagePlusImages.wrap(input).channelPlanes(0, 0);
        var outPlanes = ImagePlusImages.wrap(output).channelPlanes(0, 0);
        LinearMap norm = new IntensityRange(100, 60000).normalizing();
        long bytes = 2L * SIZE * SIZE;
        short[] src = (short[]) input.getProcessor().getPixels();
        short[] dst = new short[src.length];
        Img<UnsignedShortType> cells = new CellImgFactory<>(new UnsignedShortType(), 256).create(SIZE, SIZE);
        LoopBuilder.setImages(ArrayImgs.unsignedShorts(src, SIZE, SIZE), cells).forEachPixel((a, b) -> b.set(a));
        var cellPlanes = HyperImage.wrapXY(cells, "cells").channelPlanes(0, 0);
        var arrayThroughBlocks = java.util.List.<PlaneAccess>of(
                new GenericPlane<>(ArrayImgs.unsignedShorts(src, SIZE, SIZE)));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray staging = manager.create(new Shape(1, 1, SIZE, SIZE), DataType.FLOAT32);
            NDArray tensor = TensorBridge.read(manager, inPlanes, 0, 0, SIZE, SIZE, norm);
            double copy = median(() -> System.arraycopy(src, 0, dst, 0, src.length));
            double readFresh = median(() -> {
                try (NDManager scope = manager.newSubManager()) {
                    TensorBridge.read(scope, inPlanes, 0, 0, SIZE, SIZE, norm);
                }
            });
            double readStaged = median(() -> TensorBridge.readRegion(TensorBridge.floatView(staging), 0, inPlanes, 0, 0,
                    SIZE, SIZE, norm));
            double readCells = median(() -> TensorBridge.readRegion(TensorBridge.floatView(staging), 0, cellPlanes, 0,
                    0, SIZE, SIZE, norm));
            if (!Arrays.equals(tensor.toFloatArray(), staging.toFloatArray())) {
                throw new IllegalStateException("the cell image read other values than the ImagePlus");
            }
            double readArrayBlocks = median(() -> TensorBridge.readRegion(TensorBridge.floatView(staging), 0,
                    arrayThroughBlocks, 0, 0, SIZE, SIZE, norm));
            double write = median(() -> TensorBridge.write(tensor, 0, outPlanes, 0, 0, norm.inverse()));
            if (!Arrays.equals(src, (short[]) output.getProcessor().getPixels())) {
                throw new IllegalStateException("round trip changed pixels");
            }
            System.out.printf("Bridge throughput, %dx%d 16-bit (%d MB), median of %d, %d cores%n", SIZE, SIZE,
                    bytes >> 20, REPEATS, Runtime.getRuntime().availableProcessors());
            report("System.arraycopy (reference)", bytes, copy, copy);
            report("image -> NDArray, new tensor", bytes, readFresh, copy);
            report("image -> NDArray, reused tensor", bytes, readStaged, copy);
            report("cell image -> NDArray, reused tensor", bytes, readCells, copy);
            report("  the ImagePlus array through PrimitiveBlocks", bytes, readArrayBlocks, copy);
            report("NDArray -> 16-bit image", bytes, write, copy);
        }
    }

    private static void report(String what, long bytes, double seconds, double reference) {
        System.out.printf("  %-46s %7.2f ms  %6.2f GB/s  ratio to arraycopy %.2f%n", what, seconds * 1e3,
                bytes / seconds / 1e9, reference / seconds);
    }

    private static double median(Work work) {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
        double[] t = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[REPEATS / 2];
    }
}
