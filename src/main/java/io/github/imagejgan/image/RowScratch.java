package io.github.imagejgan.image;

/**
 * One reusable {@code float[]} per thread for a row in transit: rows move between planes and buffers from many
 * threads at once, millions of times per image, and a new array per row would cost more than the copy.
 */
final class RowScratch {

    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);

    private RowScratch() {
    }

    /** This thread's array, at least {@code n} long; its contents are whatever the last user left. */
    static float[] of(int n) {
        float[] row = ROW.get();
        if (row.length < n) {
            row = new float[n];
            ROW.set(row);
        }
        return row;
    }
}
