package io.github.imagejgan.predict;

import java.nio.FloatBuffer;

import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.NoiseLevel;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneWindow;

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

    /**
     * The part of a {@code width} x {@code height} plane its noise is estimated from: the centre, at most
     * {@value #ESTIMATE_WINDOW} pixels a side.
     */
    static PlaneWindow window(int width, int height) {
        int w = Math.min(width, ESTIMATE_WINDOW);
        int h = Math.min(height, ESTIMATE_WINDOW);
        return new PlaneWindow((width - w) / 2, (height - h) / 2, w, h);
    }

    /** The noise of a plane, from its {@link #window}. */
    static NoiseLevel estimate(PlaneAccess image) {
        PlaneWindow window = window(image.width(), image.height());
        FloatBuffer pixels = FloatBuffer.allocate(window.width() * window.height());
        for (int y = 0; y < window.height(); y++) {
            image.readRow(window.y() + y, window.x(), window.width(), pixels, y * window.width(),
                    LinearMap.IDENTITY);
        }
        return NoiseLevel.estimate(pixels.array(), window.width(), window.height());
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
