package io.github.imagejgan.image;

import java.util.Objects;

/** A plane stored row by row in a primitive array, starting at {@code offset}. */
abstract class ArrayPlane implements PlaneAccess {

    protected final int width;
    protected final int height;
    protected final int offset;

    ArrayPlane(int width, int height, int offset, int arrayLength) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("A plane needs at least one pixel, got " + width + "x" + height);
        }
        if (offset < 0 || (long) offset + (long) width * height > arrayLength) {
            throw new IllegalArgumentException("Plane " + width + "x" + height + " at offset " + offset
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

    /** Rounds a value already clamped to [0, max] to the nearest integer. */
    protected static int roundNonNegative(float v) {
        return (int) (v + 0.5f);
    }

    protected static float clamp(float v, float max) {
        // NaN becomes 0: an integer pixel cannot hold it and 0 is the least surprising value.
        return v >= 0f ? (v <= max ? v : max) : 0f;
    }
}
