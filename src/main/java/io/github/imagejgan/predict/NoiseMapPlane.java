package io.github.imagejgan.predict;

import java.nio.FloatBuffer;

import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.NoiseLevel;
import io.github.imagejgan.image.PlaneAccess;

/**
 * The noise map that a denoiser with one ({@link io.github.imagejgan.nn.NetworkSpec#noiseMap()}) sees beside an image
 * plane: at each pixel, the standard deviation of the noise at that pixel's value, from one estimate of the whole
 * plane's noise ({@link NoiseLevel}). Computed pixel by pixel from the plane as tiles read it, so a tiled run equals
 * a whole-image run; the estimate is made once per plane, which is why a blind network that only sees its
 * neighbourhood is told it: a smooth image's faint noise and a photograph's fine grain look alike up close, and told
 * apart over the whole image.
 */
final class NoiseMapPlane implements PlaneAccess {

    /** The estimate reads at most the centre of this many pixels a side: enough for a stable estimate, and quick. */
    static final int ESTIMATE_WINDOW = 1024;

    private final PlaneAccess image;
    private final NoiseLevel noise;

    NoiseMapPlane(PlaneAccess image, NoiseLevel noise) {
        this.image = image;
        this.noise = noise;
    }

    /** The noise map of {@code image} (in the values the network sees), its noise estimated from the image itself. */
    static NoiseMapPlane of(PlaneAccess image) {
        return new NoiseMapPlane(image, estimate(image));
    }

    /** The noise of a plane, from its centre {@value #ESTIMATE_WINDOW} pixels a side at most. */
    static NoiseLevel estimate(PlaneAccess image) {
        int w = Math.min(image.width(), ESTIMATE_WINDOW);
        int h = Math.min(image.height(), ESTIMATE_WINDOW);
        int x0 = (image.width() - w) / 2;
        int y0 = (image.height() - h) / 2;
        FloatBuffer pixels = FloatBuffer.allocate(w * h);
        for (int y = 0; y < h; y++) {
            image.readRow(y0 + y, x0, w, pixels, y * w, LinearMap.IDENTITY);
        }
        return NoiseLevel.estimate(pixels.array(), w, h);
    }

    /** The estimate the map is made from. */
    NoiseLevel noise() {
        return noise;
    }

    @Override
    public int width() {
        return image.width();
    }

    @Override
    public int height() {
        return image.height();
    }

    @Override
    public int integerLevels() {
        return 0;
    }

    @Override
    public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
        image.readRow(y, x0, n, dst, dstIndex, LinearMap.IDENTITY);
        for (int i = dstIndex; i < dstIndex + n; i++) {
            dst.put(i, map.apply(noise.sigma(dst.get(i))));
        }
    }

    @Override
    public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
        throw new UnsupportedOperationException("a noise map is read only");
    }
}
