package io.github.imagejgan.image;

import java.nio.FloatBuffer;

/** An 8-bit unsigned plane over a {@code byte[]} (ImageJ ByteProcessor, ImgLib2 UnsignedByteType arrays). */
final class UnsignedBytePlane extends ArrayPlane {

    private final byte[] data;

    UnsignedBytePlane(byte[] data, int width, int height, int offset) {
        super(width, height, offset, data.length);
        this.data = data;
    }

    @Override
    public int integerLevels() {
        return 256;
    }

    @Override
    public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
        int from = index(y, x0, n);
        float shift = map.shift();
        float factor = map.factor();
        for (int i = 0; i < n; i++) {
            dst.put(dstIndex + i, ((data[from + i] & 0xff) - shift) * factor);
        }
    }

    @Override
    public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
        int to = index(y, x0, n);
        float shift = map.shift();
        float factor = map.factor();
        float[] row = rowOf(src, srcIndex, n);
        for (int i = 0; i < n; i++) {
            data[to + i] = (byte) toUnsigned((row[i] - shift) * factor, 255);
        }
    }
}
