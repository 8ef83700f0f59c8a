package io.github.imagejgan.synth;

import io.github.imagejgan.degrade.Filters;

/**
 * Paints shapes in order (later ones cover earlier ones) at twice the resolution and averages each 2 x 2 block, so
 * that edges get the partial-volume values a scanner records instead of staircases. Each pixel also carries the
 * texture amplitude of the tissue painted there.
 */
final class Canvas {

    private static final int SUPERSAMPLE = 2;

    private final int width;
    private final int height;
    private final float[] values;
    private final float[] textures;

    Canvas(int width, int height, double value, double texture) {
        this.width = width;
        this.height = height;
        this.values = new float[width * height * SUPERSAMPLE * SUPERSAMPLE];
        this.textures = new float[values.length];
        java.util.Arrays.fill(values, (float) value);
        java.util.Arrays.fill(textures, (float) texture);
    }

    void paint(Outline shape, double value, double texture) {
        double extent = Math.max(shape.a(), shape.b()) * shape.reach() + 1;
        int hiWidth = width * SUPERSAMPLE;
        int x0 = Math.max(0, (int) Math.floor((shape.cx() - extent) * SUPERSAMPLE));
        int x1 = Math.min(hiWidth - 1, (int) Math.ceil((shape.cx() + extent) * SUPERSAMPLE));
        int y0 = Math.max(0, (int) Math.floor((shape.cy() - extent) * SUPERSAMPLE));
        int y1 = Math.min(height * SUPERSAMPLE - 1, (int) Math.ceil((shape.cy() + extent) * SUPERSAMPLE));
        for (int hy = y0; hy <= y1; hy++) {
            double y = (hy + 0.5) / SUPERSAMPLE - 0.5;
            for (int hx = x0; hx <= x1; hx++) {
                double x = (hx + 0.5) / SUPERSAMPLE - 0.5;
                if (shape.contains(x, y)) {
                    values[hy * hiWidth + hx] = (float) value;
                    textures[hy * hiWidth + hx] = (float) texture;
                }
            }
        }
    }

    /** Mean value of each pixel. */
    float[] values() {
        return Filters.binAverage(values, width * SUPERSAMPLE, height * SUPERSAMPLE, SUPERSAMPLE);
    }

    /** Mean texture amplitude of each pixel. */
    float[] textures() {
        return Filters.binAverage(textures, width * SUPERSAMPLE, height * SUPERSAMPLE, SUPERSAMPLE);
    }
}
