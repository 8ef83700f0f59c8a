package io.github.imagejgan.image;

import java.nio.FloatBuffer;

/** A 16-bit unsigned plane over a {@code short[]} (ImageJ ShortProcessor, ImgLib2 UnsignedShortType arrays). */
final class UnsignedShortPlane extends ArrayPlane {

    private final short[] data;

    UnsignedShortPlane(short[] data, int width, int height, int offset) {
        super(width, height, offset, data.length);
        this.data = data;
    }

    @Override
    public int integerLevels() {
        return 65536;
    }

    @Override
    public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
        int from = index(y, x0, n);
        float shift = map.shift();
        float factor = map.factor();
        for (int i = 0; i < n; i++) {
            dst.put(dstIndex + i, ((data[from + i] & 0xffff) - shift) * factor);
        }
    }

    @Override
    public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
        int to = index(y, x0, n);
        float shift = map.shift();
        float factor = map.factor();
        float[] row = rowOf(src, srcIndex, n);
        for (int i = 0; i < n; i++) {
            data[to + i] = (short) toUnsigned((row[i] - shift) * factor, 65535);
        }
    }
}
