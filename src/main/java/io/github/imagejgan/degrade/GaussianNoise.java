package io.github.imagejgan.degrade;

import java.util.Map;

/**
 * Additive Gaussian noise of a fixed standard deviation, independent of the signal: the usual model for
 * reconstructed CT slices and for benchmarks that quote a noise sigma. White by default; with a {@code spread} it is
 * correlated between neighbouring pixels as demosaicing, resampling or compression leave it, at the same level per
 * pixel.
 *
 * @param sigma  standard deviation, in image units
 * @param spread standard deviation, in pixels, of the Gaussian that spreads each pixel's noise over its neighbours;
 *               0 for white noise
 */
public record GaussianNoise(double sigma, double spread) implements Degradation {

    public static final String TYPE = "gaussian";

    public GaussianNoise {
        PixelNoise.requireSigma(sigma);
        PixelNoise.requireSpread(spread);
    }

    /** White Gaussian noise. */
    public GaussianNoise(double sigma) {
        this(sigma, 0);
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        Degraded white = PixelNoise.apply(image, width, height, seed, (v, random) -> (float) (v + sigma * random
                .nextGaussian()));
        return new Degraded(PixelNoise.spread(image, white.image(), width, height, spread), width, height);
    }

    @Override
    public Map<String, Object> describe() {
        return spread == 0 ? Descriptions.of("type", TYPE, "sigma", sigma)
                : Descriptions.of("type", TYPE, "sigma", sigma, "spread", spread);
    }
}
