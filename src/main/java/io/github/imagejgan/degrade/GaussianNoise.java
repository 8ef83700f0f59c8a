package io.github.imagejgan.degrade;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.task.UserException;

/**
 * Additive white Gaussian noise of a fixed standard deviation, independent of the signal: the usual model for
 * reconstructed CT slices and for benchmarks that quote a noise sigma.
 *
 * @param sigma standard deviation, in image units
 */
public record GaussianNoise(double sigma) implements Degradation {

    public static final String TYPE = "gaussian";

    public GaussianNoise {
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
            noisy[i] = (float) (image[i] + sigma * random.nextGaussian());
        }
        return new Degraded(noisy, width, height);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "sigma", sigma);
    }
}
