package io.github.imagejgan.image;

import java.util.Locale;

/**
 * What an image file's header says its pixels take in memory once read, known before any pixel is read.
 *
 * @param width pixels per row (of the first image, where a file holds images of several sizes)
 * @param height rows
 * @param planes images in the file
 * @param bytes memory the pixels of all planes take as ImageJ holds them; {@link Long#MAX_VALUE} if beyond that
 */
record DeclaredSize(long width, long height, long planes, long bytes) {

    /** The size of {@code planes} images of {@code width × height} pixels of {@code bytesPerPixel} each. */
    static DeclaredSize of(long width, long height, long planes, long bytesPerPixel) {
        return new DeclaredSize(width, height, planes, product(width, height, planes, bytesPerPixel));
    }

    /** This size and another image's together, as one file holding both. */
    DeclaredSize plus(DeclaredSize other) {
        long sum = bytes + other.bytes;
        return new DeclaredSize(width, height, planes + other.planes, sum < 0 ? Long.MAX_VALUE : sum);
    }

    /** "46000 × 46000 pixels × 1 plane (7.9 GiB)". */
    String describe() {
        return String.format(Locale.ROOT, "%d × %d pixels × %d plane%s (%s)", width, height, planes,
                planes == 1 ? "" : "s", HeapBudget.text(bytes));
    }

    /**
     * The product, or {@link Long#MAX_VALUE} where it overflows. NB: a hostile header can declare sizes whose product
     * overflows a long; those count as more than any file or heap.
     */
    static long product(long... factors) {
        long product = 1;
        try {
            for (long factor : factors) {
                product = Math.multiplyExact(product, factor);
            }
            return product;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
