package io.github.imagejgan.image;

import java.nio.FloatBuffer;
import java.util.Objects;

import io.github.imagejgan.task.UserException;

/** A plane stored row by row in a primitive array, starting at {@code offset}. */
abstract class ArrayPlane implements PlaneAccess {

    protected final int width;
    protected final int height;
    protected final int offset;

    ArrayPlane(int width, int height, int offset, int arrayLength) {
        if (width < 1 || height < 1) {
            throw new UserException("A plane needs at least one pixel, got " + width + "x" + height);
        }
        if (offset < 0 || (long) offset + (long) width * height > arrayLength) {
            throw new UserException("Plane " + width + "x" + height + " at offset " + offset
                    + " does not fit an array of " + arrayLength + " elements");
        }
        this.width = width;
        this.height = height;
        this.offset = offset;
    }

    @Override
    public final int width() {
        return width;
    }

    @Override
    public final int height() {
        return height;
    }

    /** Index of pixel (x0, y) in the array, after checking that {@code n} pixels from there stay in the row. */
    protected final int index(int y, int x0, int n) {
        Objects.checkIndex(y, height);
        Objects.checkFromIndexSize(x0, n, width);
        return offset + y * width + x0;
    }

    /**
     * Copies {@code n} values from {@code src} into a per-thread array: the conversion loops then run over a heap
     * array, which the JIT compiles to vector code, instead of over a direct buffer one call per value.
     */
    protected static float[] rowOf(FloatBuffer src, int srcIndex, int n) {
        float[] row = RowScratch.of(n);
        src.get(srcIndex, row, 0, n);
        return row;
    }

    /**
     * Rounds half up and clamps to [0, max]; NaN becomes 0, since an integer pixel cannot hold it and 0 is the least
     * surprising value. Works in int so that the loop stays branch-free.
     */
    protected static int toUnsigned(float v, int max) {
        int i = (int) (v + 0.5f);
        return i < 0 ? 0 : (i > max ? max : i);
    }
}
