package io.github.imagejgan.degrade;

import java.util.Map;

import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;

/**
 * A low-resolution acquisition of a clean image, for super-resolution: an optional optical blur, then
 * downsampling by an integer factor with anti-aliasing. Output pixel (i, j) covers input pixels {@code factor*i ..
 * factor*i + factor - 1} (the convention of ImageJ's {@code Bin} and skimage's {@code downscale_local_mean}), so
 * that a network's output grid lines up with the clean image. The image mean is kept.
 *
 * @param factor       downsampling factor, 2 or more; the image's width and height must be multiples of it
 * @param antiAliasing the pre-filter, see {@link AntiAliasing}
 * @param blurSigma    standard deviation of an additional Gaussian optical blur, in input pixels (0 for none)
 */
public record BlurDownsample(int factor, AntiAliasing antiAliasing, double blurSigma) implements Degradation {

    public static final String TYPE = "blur-downsample";

    public BlurDownsample {
        if (factor < 2 || factor > 16) {
            throw new UserException("Downsampling factor must be 2 to 16, got " + factor);
        }
        if (antiAliasing == null) {
            throw new UserException("Choose an anti-aliasing method: " + java.util.Arrays.toString(
                    AntiAliasing.values()));
        }
        if (!(blurSigma >= 0) || Double.isInfinite(blurSigma)) {
            throw new UserException("Blur sigma must be finite and non-negative, got " + blurSigma);
        }
    }

    /** Downsampling with the Gaussian anti-aliasing filter and no extra blur. */
    public BlurDownsample(int factor) {
        this(factor, AntiAliasing.GAUSSIAN, 0);
    }

    /** The sigma of the anti-aliasing pre-filter, in input pixels; 0 for area averaging. */
    public double antiAliasingSigma() {
        return antiAliasing == AntiAliasing.GAUSSIAN ? factor / 2.0 : 0;
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        PlaneAccesses.requireSize(image, width, height);
        if (width % factor != 0 || height % factor != 0) {
            throw new UserException("Downsampling by " + factor + " needs a width and height that are "
                    + "multiples of " + factor + ", got " + width + "x" + height + ": crop the image first");
        }
        // Two Gaussian blurs in a row are one Gaussian blur whose variances add.
        double sigma = Math.hypot(blurSigma, antiAliasingSigma());
        float[] filtered = Filters.gaussian(image, width, height, sigma);
        return new Degraded(Filters.binAverage(filtered, width, height, factor), width / factor, height / factor);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "factor", factor, "antiAliasing", antiAliasing.label(),
                "antiAliasingSigma", antiAliasingSigma(), "blurSigma", blurSigma);
    }
}
