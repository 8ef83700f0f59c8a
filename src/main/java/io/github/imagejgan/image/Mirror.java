package io.github.imagejgan.image;

/**
 * Mirror reflection of coordinates about the image border without repeating the edge pixel (NumPy's "reflect"),
 * repeated as often as needed so that any coordinate maps into a plane of any size, even a single pixel.
 */
public final class Mirror {

    private Mirror() {
    }

    /** Maps {@code i} into [0, size). */
    public static int reflect(int i, int size) {
        if (i >= 0 && i < size) {
            return i;
        }
        if (size == 1) {
            return 0;
        }
        int period = 2 * (size - 1);
        int m = Math.floorMod(i, period);
        return m < size ? m : period - m;
    }

    /**
     * A copy of the plane ({@code width} x {@code height}, row-major) with {@code pad} mirrored pixels on every side:
     * {@code width + 2 pad} values a row.
     */
    public static float[] padded(float[] plane, int width, int height, int pad) {
        int stride = width + 2 * pad;
        float[] out = new float[stride * (height + 2 * pad)];
        for (int y = 0; y < height + 2 * pad; y++) {
            int row = reflect(y - pad, height) * width;
            for (int x = 0; x < stride; x++) {
                out[y * stride + x] = plane[row + reflect(x - pad, width)];
            }
        }
        return out;
    }
}
