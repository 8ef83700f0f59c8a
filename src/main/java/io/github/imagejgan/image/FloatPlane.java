package io.github.imagejgan.image;

import java.nio.FloatBuffer;

/** A 32-bit float plane over a {@code float[]} (ImageJ FloatProcessor, ImgLib2 FloatType arrays). */
final class FloatPlane extends ArrayPlane {

    private final float[] data;

    FloatPlane(float[] data, int width, int height, int offset) {
        super(width, height, offset, data.length);
        this.data = data;
    }

    @Override
    public int integerLevels() {
        return 0;
    }

    @Override
    public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
        int from = index(y, x0, n);
        if (map.isIdentity()) {
            dst.put(dstIndex, data, from, n);
            return;
        }
        float shift = map.shift();
        float factor = map.factor();
        for (int i = 0; i < n; i++) {
            dst.put(dstIndex + i, (data[from + i] - shift) * factor);
        }
    }

    @Override
    public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
        int to = index(y, x0, n);
        if (map.isIdentity()) {
            src.get(srcIndex, data, to, n);
            return;
        }
        float shift = map.shift();
        float factor = map.factor();
        for (int i = 0; i < n; i++) {
            data[to + i] = (src.get(srcIndex + i) - shift) * factor;
        }
    }
}
