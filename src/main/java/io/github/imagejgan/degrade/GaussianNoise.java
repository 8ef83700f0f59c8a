package io.github.imagejgan.degrade;

import java.util.Map;

/**
 * Additive Gaussian noise of a fixed standard deviation, independent of the signal: the usual model for
 * reconstructed CT slices and for benchmarks that quote a noise sigma. White by default; with a {@code spread} it is
 * correlated between neighbouring pixels as demosaicing, resampling or compression leave it, at the same level per
 * pixel.
 *
 * @param sigma   standard deviation, in image units
 * @param spread  standard deviation, in pixels, of the Gaussian that spreads each pixel's noise over its neighbours
 *                along rows; 0 for white noise
 * @param spreadY the same along columns (the same as {@code spread} unless the spread is anisotropic)
 * @param white   share of the variance left white beside the spread noise (0 to 1; 0: all of it spread)
 */
public record GaussianNoise(double sigma, double spread, double spreadY, double white) implements Degradation {

    public static final String TYPE = "gaussian";

    public GaussianNoise {
        PixelNoise.requireSigma(sigma);
        PixelNoise.requireSpread(spread);
        PixelNoise.requireSpread(spreadY);
        PixelNoise.requireWhite(white);
    }

    /** White Gaussian noise. */
    public GaussianNoise(double sigma) {
        this(sigma, 0);
    }

    /** Gaussian noise spread alike along both axes. */
    public GaussianNoise(double sigma, double spread) {
        this(sigma, spread, spread, 0);
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        return new Degraded(PixelNoise.spread(image, draw(image, width, height, seed), width, height, spread, spreadY,
                white, () -> draw(image, width, height, Seeds.derive(seed, 1))), width, height);
    }

    private float[] draw(float[] image, int width, int height, long seed) {
        return PixelNoise.apply(image, width, height, seed, (v, random) -> (float) (v + sigma * random.nextGaussian()))
                .image();
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.withShape(Descriptions.of("type", TYPE, "sigma", sigma), spread, spreadY, white);
    }
}
