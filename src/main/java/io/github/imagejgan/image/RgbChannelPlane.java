package io.github.imagejgan.image;

import java.nio.FloatBuffer;

import io.github.imagejgan.task.UserException;

/**
 * One 8-bit colour channel of packed RGB pixels in an {@code int[]} (ImageJ ColorProcessor, ImgLib2 ARGBType).
 * Writing replaces only this channel's byte, so three planes over one array compose an RGB image. NB: not read through
 * {@code PrimitiveBlocks}, which cannot analyse ImgLib2's view of one colour of ARGB pixels
 * ({@code Converters.argbChannels}) and would fall back to a cursor walk.
 */
final class RgbChannelPlane extends ArrayPlane {

    private final int[] data;
    private final int shift;

    /**
     * @param channel 0 = red, 1 = green, 2 = blue
     */
    RgbChannelPlane(int[] data, int width, int height, int offset, int channel) {
        super(width, height, offset, data.length);
        if (channel < 0 || channel > 2) {
            throw new UserException("RGB channel must be 0, 1 or 2, got " + channel);
        }
        this.data = data;
        this.shift = 16 - 8 * channel;
    }

    @Override
    public int integerLevels() {
        return 256;
    }

    @Override
    public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
        int from = index(y, x0, n);
        float s = map.shift();
        float factor = map.factor();
        for (int i = 0; i < n; i++) {
            dst.put(dstIndex + i, (((data[from + i] >>> shift) & 0xff) - s) * factor);
        }
    }

    @Override
    public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
        int to = index(y, x0, n);
        float s = map.shift();
        float factor = map.factor();
        int keep = ~(0xff << shift);
        float[] row = rowOf(src, srcIndex, n);
        for (int i = 0; i < n; i++) {
            int v = toUnsigned((row[i] - s) * factor, 255);
            // Opaque alpha: ImageJ ignores it, other readers of ARGB data do not.
            data[to + i] = (data[to + i] & keep) | (v << shift) | 0xff000000;
        }
    }
}
