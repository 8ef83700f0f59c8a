package io.github.imagejgan.degrade;

import java.util.Random;
import java.util.function.Supplier;

import io.github.imagejgan.image.NoiseSpread;
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

    static void requireSpread(double spread) {
        if (!(spread >= 0) || Double.isInfinite(spread)) {
            throw new UserException("Noise spread must be finite and non-negative (pixels), got " + spread);
        }
    }

    static void requireWhite(double white) {
        if (!(white >= 0 && white <= 1)) {
            throw new UserException("The white share of the noise must lie between 0 and 1, got " + white);
        }
    }

    /**
     * {@code noisy}'s noise (its difference from {@code clean}) spread over neighbouring pixels by a Gaussian of
     * {@code spreadX} pixels along rows and {@code spreadY} along columns at its own level per pixel
     * ({@link NoiseSpread}), as a camera's demosaicing, a resampling, a compression or a line-scanning detector's
     * filter leave it; with a {@code white} share of the variance left independent from pixel to pixel, drawn afresh
     * ({@code another} draw of the noisy image), as where shot noise adds to noise that was spread before it. {@code
     * noisy} itself when both spreads are 0.
     */
    static float[] spread(float[] clean, float[] noisy, int width, int height, double spreadX, double spreadY,
            double white, Supplier<float[]> another) {
        if (spreadX == 0 && spreadY == 0) {
            return noisy;
        }
        float[] noise = new float[noisy.length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = noisy[i] - clean[i];
        }
        float[] spreadNoise = NoiseSpread.spread(noise, width, height, spreadX, spreadY);
        float[] result = new float[noisy.length];
        if (white == 0) {
            for (int i = 0; i < result.length; i++) {
                result[i] = clean[i] + spreadNoise[i];
            }
            return result;
        }
        float[] independent = another.get();
        double spreadWeight = Math.sqrt(1 - white);
        double whiteWeight = Math.sqrt(white);
        for (int i = 0; i < result.length; i++) {
            result[i] = (float) (clean[i] + spreadWeight * spreadNoise[i] + whiteWeight * (independent[i] - clean[i]));
        }
        return result;
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
