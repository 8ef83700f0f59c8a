package io.github.imagejgan.degrade;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.task.UserException;

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
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new UserException("Noise sigma must be finite and non-negative, got " + sigma);
        }
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        Filters.checkSize(image, width, height);
        Random random = Seeds.random(seed);
        float[] noisy = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            double re = image[i] + sigma * random.nextGaussian();
            double im = sigma * random.nextGaussian();
            noisy[i] = (float) Math.sqrt(re * re + im * im);
        }
        return new Degraded(noisy, width, height);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "sigma", sigma);
    }
}
