package io.github.imagejgan.image;

/**
 * Exact Euclidean distance transform of a binary plane (Felzenszwalb and Huttenlocher, 2012: the lower envelope of
 * parabolas, along rows and then along columns), a small stand-in for imglib2-algorithm's {@code DistanceTransform}.
 */
public final class DistanceTransform {

    private static final float FAR = 1e20f;

    private DistanceTransform() {
    }

    /**
     * The distance of every pixel to the nearest pixel of {@code set} (non-zero bytes, row-major, {@code width} x
     * {@code height}): 0 on the set, and a value larger than the plane's diagonal everywhere if the set is empty.
     */
    public static float[] toNearest(byte[] set, int width, int height) {
        float[] squared = new float[width * height];
        for (int i = 0; i < squared.length; i++) {
            squared[i] = set[i] != 0 ? 0 : FAR;
        }
        int longest = Math.max(width, height);
        float[] line = new float[longest];
        float[] out = new float[longest];
        int[] apex = new int[longest];
        float[] bounds = new float[longest + 1];
        for (int y = 0; y < height; y++) {
            System.arraycopy(squared, y * width, line, 0, width);
            along(line, width, out, apex, bounds);
            System.arraycopy(out, 0, squared, y * width, width);
        }
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = squared[y * width + x];
            }
            along(line, height, out, apex, bounds);
            for (int y = 0; y < height; y++) {
                squared[y * width + x] = out[y];
            }
        }
        for (int i = 0; i < squared.length; i++) {
            squared[i] = (float) Math.sqrt(squared[i]);
        }
        return squared;
    }

    /** One dimension: {@code out[q] = min over p of f[p] + (q - p)^2}, for the first {@code n} values. */
    private static void along(float[] f, int n, float[] out, int[] apex, float[] bounds) {
        int k = 0;
        apex[0] = 0;
        bounds[0] = -Float.MAX_VALUE;
        bounds[1] = Float.MAX_VALUE;
        for (int q = 1; q < n; q++) {
            float s = crossing(f, q, apex[k]);
            while (s <= bounds[k]) {
                k--;
                s = crossing(f, q, apex[k]);
            }
            k++;
            apex[k] = q;
            bounds[k] = s;
            bounds[k + 1] = Float.MAX_VALUE;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (bounds[k + 1] < q) {
                k++;
            }
            float d = q - apex[k];
            out[q] = d * d + f[apex[k]];
        }
    }

    /** Where the parabolas rooted at {@code q} and {@code p} (p < q) cross. */
    private static float crossing(float[] f, int q, int p) {
        return ((f[q] + (float) q * q) - (f[p] + (float) p * p)) / (2f * q - 2f * p);
    }
}
