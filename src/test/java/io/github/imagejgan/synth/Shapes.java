package io.github.imagejgan.synth;

import java.util.ArrayList;
import java.util.List;

/** Measurements of structure in phantom images, for tests. */
final class Shapes {

    private Shapes() {
    }

    /**
     * The fraction of pixels above {@code threshold} whose thinnest cross-section (the shortest run of
     * above-threshold pixels through them along a row, a column or a diagonal) is at most {@code maxWidth}.
     */
    static double thinFraction(float[] image, int w, int h, double threshold, int maxWidth) {
        int[][] directions = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, -1 } };
        int bright = 0;
        int thin = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (image[y * w + x] <= threshold) {
                    continue;
                }
                bright++;
                int narrowest = Integer.MAX_VALUE;
                for (int[] d : directions) {
                    int run = 1;
                    for (int sign = -1; sign <= 1; sign += 2) {
                        int cx = x + sign * d[0];
                        int cy = y + sign * d[1];
                        while (cx >= 0 && cy >= 0 && cx < w && cy < h && image[cy * w + cx] > threshold) {
                            run++;
                            cx += sign * d[0];
                            cy += sign * d[1];
                        }
                    }
                    narrowest = Math.min(narrowest, run);
                }
                if (narrowest <= maxWidth) {
                    thin++;
                }
            }
        }
        return bright == 0 ? 0 : thin / (double) bright;
    }

    /** Number of 4-connected regions of pixels below {@code threshold} with at least {@code minSize} pixels. */
    static int darkRegions(float[] image, int w, int h, double threshold, int minSize) {
        boolean[] seen = new boolean[image.length];
        int regions = 0;
        int[] stack = new int[image.length];
        for (int start = 0; start < image.length; start++) {
            if (seen[start] || image[start] >= threshold) {
                continue;
            }
            int size = 0;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int p = stack[--top];
                size++;
                int x = p % w;
                int y = p / w;
                int[] next = { x > 0 ? p - 1 : -1, x + 1 < w ? p + 1 : -1, y > 0 ? p - w : -1, y + 1 < h ? p + w : -1 };
                for (int q : next) {
                    if (q >= 0 && !seen[q] && image[q] < threshold) {
                        seen[q] = true;
                        stack[top++] = q;
                    }
                }
            }
            if (size >= minSize) {
                regions++;
            }
        }
        return regions;
    }

    /** Areas above half height of each local maximum standing {@code prominence} above {@code base}. */
    static List<Integer> spotAreas(float[] image, int w, int h, double base, double prominence) {
        List<Integer> areas = new ArrayList<>();
        for (int y = 3; y < h - 3; y++) {
            for (int x = 3; x < w - 3; x++) {
                float v = image[y * w + x];
                if (v < base + prominence || !isMaximum(image, w, x, y)) {
                    continue;
                }
                double half = base + (v - base) / 2;
                int area = 0;
                for (int dy = -3; dy <= 3; dy++) {
                    for (int dx = -3; dx <= 3; dx++) {
                        if (image[(y + dy) * w + x + dx] > half) {
                            area++;
                        }
                    }
                }
                areas.add(area);
            }
        }
        return areas;
    }

    private static boolean isMaximum(float[] image, int w, int x, int y) {
        float v = image[y * w + x];
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if ((dx != 0 || dy != 0) && image[(y + dy) * w + x + dx] >= v) {
                    return false;
                }
            }
        }
        return true;
    }

    static double fraction(float[] image, double low, double high) {
        int n = 0;
        for (float v : image) {
            if (v >= low && v <= high) {
                n++;
            }
        }
        return n / (double) image.length;
    }

    static float min(float[] image) {
        float m = Float.POSITIVE_INFINITY;
        for (float v : image) {
            m = Math.min(m, v);
        }
        return m;
    }

    static float max(float[] image) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : image) {
            m = Math.max(m, v);
        }
        return m;
    }
}
