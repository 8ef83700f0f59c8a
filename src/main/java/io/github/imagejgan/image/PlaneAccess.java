package io.github.imagejgan.image;

import java.nio.FloatBuffer;

/**
 * Row-wise bulk access to one 2D plane of an image. Rows are the unit of transfer because image memory is laid out
 * by rows: array-backed planes copy a row in one tight loop, while any other image falls back to a cursor walk.
 * Distinct rows may be read or written from different threads at the same time.
 */
public interface PlaneAccess {

    int width();

    int height();

    /**
     * @return the number of distinct values when the plane holds small non-negative integers (256 for 8-bit, 65536
     *         for 16-bit), which lets statistics use an exact histogram; 0 otherwise
     */
    int integerLevels();

    /**
     * Reads {@code n} pixels of row {@code y} starting at column {@code x0} into {@code dst} at absolute index
     * {@code dstIndex}, each value passed through {@code map}.
     */
    void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map);

    /**
     * Writes {@code n} pixels of row {@code y} starting at column {@code x0} from {@code src} at absolute index
     * {@code srcIndex}, each value passed through {@code map}, then clamped to the pixel type's range and, for
     * integer types, rounded half up (NaN becomes 0).
     */
    void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map);

    /** Number of pixels in the plane. */
    default long size() {
        return (long) width() * height();
    }
}
