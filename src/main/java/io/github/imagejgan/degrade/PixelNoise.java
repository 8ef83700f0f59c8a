package io.github.imagejgan.degrade;

import java.util.Random;

import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;

/** Noise drawn for each pixel on its own, in pixel order from one seeded generator: what the noise models share. */
final class PixelNoise {

    /** The noisy value of one pixel, drawing what it needs from {@code random}. */
    interface Draw {
        float noisy(float value, Random random);
    }

    private PixelNoise() {
    }

    static void requireSigma(double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new UserException("Noise sigma must be finite and non-negative, got " + sigma);
        }
    }

    static Degraded apply(float[] image, int width, int height, long seed, Draw draw) {
        PlaneAccesses.requireSize(image, width, height);
        Random random = Seeds.random(seed);
        float[] noisy = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            noisy[i] = draw.noisy(image[i], random);
        }
        return new Degraded(noisy, width, height);
    }
}
