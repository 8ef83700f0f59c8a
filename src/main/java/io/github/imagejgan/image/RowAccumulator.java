package io.github.imagejgan.image;

import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Blends tile outputs into output rows and writes each row to the output planes as soon as no later tile touches
 * it. Only the rows of about one tile row are held at a time, so memory grows with tile size and image width, never
 * with image height. Only the pixels inside the output window are kept: the output planes hold that window, so a
 * large plane can be produced in parts whose pixels are those of the whole.
 */
final class RowAccumulator {

    private final List<PlaneAccess> outputs;
    private final PlaneWindow window;
    private final int width;
    private final LinearMap map;
    private final TreeMap<Integer, float[][]> rows = new TreeMap<>();
    private final ArrayDeque<float[][]> spare = new ArrayDeque<>();

    /** @param window the part of the output plane that {@code outputs} hold, in output pixels */
    RowAccumulator(List<PlaneAccess> outputs, PlaneWindow window, LinearMap map) {
        this.outputs = outputs;
        this.window = window;
        this.width = window.width();
        this.map = map;
    }

    /**
     * Adds the kept part of one tile's output, weighted for blending.
     *
     * @param out        the network output batch, as a float view
     * @param itemOffset absolute index of this tile's item in {@code out}
     * @param outW       output tile width ({@code scale * input tile width})
     * @param outH       output tile height
     */
    void add(Tile tile, int scale, FloatBuffer out, int itemOffset, int outW, int outH) {
        int x0 = Math.max(window.x(), tile.keptStartX() * scale);
        int x1 = Math.min(window.endX(), tile.keptEndX() * scale);
        int y0 = Math.max(window.y(), tile.keptStartY() * scale);
        int y1 = Math.min(window.endY(), tile.keptEndY() * scale);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        int originX = tile.inputX() * scale;
        int originY = tile.inputY() * scale;
        float[] wx = new float[x1 - x0];
        for (int x = x0; x < x1; x++) {
            wx[x - x0] = tile.x().weight(tile.ix(), x, scale);
        }
        for (int y = y0; y < y1; y++) {
            float wy = tile.y().weight(tile.iy(), y, scale);
            float[][] row = rows.computeIfAbsent(y, k -> newRow());
            for (int c = 0; c < outputs.size(); c++) {
                float[] acc = row[c];
                int base = itemOffset + (c * outH + (y - originY)) * outW - originX;
                for (int x = x0; x < x1; x++) {
                    acc[x - window.x()] += wy * wx[x - x0] * out.get(base + x);
                }
            }
        }
    }

    /** Writes out and releases every row above {@code y}. */
    void flushBefore(int y) {
        Iterator<Map.Entry<Integer, float[][]>> it = rows.headMap(y, false).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, float[][]> e = it.next();
            for (int c = 0; c < outputs.size(); c++) {
                outputs.get(c).writeRow(e.getKey() - window.y(), 0, width, FloatBuffer.wrap(e.getValue()[c]), 0,
                        map);
            }
            spare.push(e.getValue());
            it.remove();
        }
    }

    void flushAll() {
        flushBefore(Integer.MAX_VALUE);
    }

    private float[][] newRow() {
        float[][] row = spare.poll();
        if (row == null) {
            return new float[outputs.size()][width];
        }
        for (float[] channel : row) {
            java.util.Arrays.fill(channel, 0f);
        }
        return row;
    }
}
