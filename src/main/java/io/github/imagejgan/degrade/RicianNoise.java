package io.github.imagejgan.degrade;

import java.util.Map;

/**
 * The noise of magnitude MR images: Gaussian noise of standard deviation {@code sigma} on the real and imaginary
 * parts of the signal, of which the scanner keeps the magnitude {@code sqrt((v + n1)^2 + n2^2)}. Dark regions
 * therefore get a positive bias (Rayleigh-distributed background) instead of symmetric noise.
 *
 * @param sigma standard deviation of each Gaussian component, in image units
 */
public record RicianNoise(double sigma) implements Degradation {

    public static final String TYPE = "rician";

    public RicianNoise {
        PixelNoise.requireSigma(sigma);
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        return PixelNoise.apply(image, width, height, seed, (v, random) -> {
            double re = v + sigma * random.nextGaussian();
            double im = sigma * random.nextGaussian();
            return (float) Math.sqrt(re * re + im * im);
        });
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "sigma", sigma);
    }
}
