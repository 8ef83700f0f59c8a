package io.github.imagejgan.degrade;

import java.util.Map;

/**
 * Additive white Gaussian noise of a fixed standard deviation, independent of the signal: the usual model for
 * reconstructed CT slices and for benchmarks that quote a noise sigma.
 *
 * @param sigma standard deviation, in image units
 */
public record GaussianNoise(double sigma) implements Degradation {

    public static final String TYPE = "gaussian";

    public GaussianNoise {
        PixelNoise.requireSigma(sigma);
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        return PixelNoise.apply(image, width, height, seed, (v, random) -> (float) (v + sigma * random
                .nextGaussian()));
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "sigma", sigma);
    }
}
