package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Pixel-wise losses between a generated image and its target, in normalized units (about 0..1).
 */
public enum ReconstructionLoss {

    /** Mean absolute error: sharper results than squared error, the pix2pix choice. */
    L1 {
        @Override
        NDArray pixelErrors(NDArray output, NDArray target) {
            return output.sub(target).abs();
        }
    },

    /**
     * Mean squared error: its minimizer is the mean of what the target may be, which self-supervised denoising
     * needs (the mean of the noisy values a pixel may take is the clean value; their median is not, for Poisson
     * noise at low counts).
     */
    L2 {
        @Override
        NDArray pixelErrors(NDArray output, NDArray target) {
            return output.sub(target).square();
        }
    },

    /**
     * The batch mean of the logarithm of each image's mean absolute error (above a floor of {@value #LOG_FLOOR}):
     * every image counts by its error relative to its own, as a mean of per-image PSNR gains counts it. Under L1 the
     * images whose absolute errors are largest (textured ones) dominate; this weighs an image that a classical method
     * already restores almost exactly (a smooth one, where any correction is error) as much, so that a network
     * learns to leave those alone. Each image's gradient is its L1 gradient divided by its current error.
     */
    LOG_L1 {
        @Override
        public NDArray between(NDArray output, NDArray target) {
            return meanLogPerImage(output.sub(target).abs(), LOG_FLOOR);
        }
    },

    /**
     * The batch mean of the logarithm of each image's mean squared error (above {@value #LOG_FLOOR} squared): minus
     * the mean PSNR of the images up to a constant, the very score the real-image benchmarks average. Like
     * {@link #LOG_L1} each image counts by its error relative to its own; unlike it, where a network cannot know what
     * lies under a pixel (deep inside a large hole) its minimizer is the mean of what may lie there, not a sharper
     * guess whose misses cost more squared error. Each image's gradient is its L2 gradient divided by its current
     * squared error.
     */
    LOG_L2 {
        @Override
        public NDArray between(NDArray output, NDArray target) {
            return meanLogPerImage(output.sub(target).square(), LOG_FLOOR * LOG_FLOOR);
        }
    },

    /**
     * 1 - SSIM with an 11x11 Gaussian window (sigma 1.5, constants 0.01 and 0.03 for a data range of 1), as in Wang
     * et al. 2004; rewards preserved structure and contrast rather than exact intensities.
     */
    SSIM {
        @Override
        public NDArray between(NDArray output, NDArray target) {
            return ssim(output, target).neg().add(1f);
        }
    };

    /**
     * The error (normalized units, mean over an image) below which {@link #LOG_L1} stops rewarding less; its square
     * does the same for {@link #LOG_L2}.
     */
    static final float LOG_FLOOR = 1e-4f;

    private static final int WINDOW = 11;
    private static final float SIGMA = 1.5f;
    private static final float C1 = 0.01f * 0.01f;
    private static final float C2 = 0.03f * 0.03f;

    /** The loss, a scalar, between two {@code [N, C, H, W]} arrays of the same shape. */
    public NDArray between(NDArray output, NDArray target) {
        return pixelErrors(output, target).mean();
    }

    /**
     * The loss over the target values that {@code weights} (same shape, 0 or more) select: the weighted mean of the
     * pixel-wise errors. Self-supervised training scores its blind spots this way.
     *
     * @throws UnsupportedOperationException for a loss that is not a sum over pixels (SSIM)
     */
    public NDArray between(NDArray output, NDArray target, NDArray weights) {
        return pixelErrors(output, target).mul(weights).sum().div(weights.sum().maximum(1e-6f));
    }

    /**
     * The batch mean of the logarithm of each image's mean squared error over the pixels that {@code weights} ({@code
     * [N, 1, H, W]}, 0 or more) select, above {@value #LOG_FLOOR} squared: {@link #LOG_L2} where only some pixels of
     * each image have a known target (an inpainting network fitted to an image's own known pixels).
     */
    public static NDArray logL2Over(NDArray output, NDArray target, NDArray weights) {
        long n = output.getShape().get(0);
        NDArray errors = output.sub(target).square().mul(weights).reshape(n, -1).sum(new int[] { 1 });
        NDArray counts = Scalars.times(weights.reshape(n, -1).sum(new int[] { 1 }), output.getShape().get(1))
                .maximum(1e-6f);
        return errors.div(counts).add(LOG_FLOOR * LOG_FLOOR).log().mean();
    }

    /** Whether {@link #between(NDArray, NDArray, NDArray)} is defined: the loss is a sum over pixels. */
    public boolean pixelWise() {
        return this == L1 || this == L2;
    }

    /** The batch mean of the logarithm of each image's mean pixel error plus {@code floor}. */
    private static NDArray meanLogPerImage(NDArray errors, float floor) {
        return errors.reshape(errors.getShape().get(0), -1).mean(new int[] { 1 }).add(floor).log().mean();
    }

    NDArray pixelErrors(NDArray output, NDArray target) {
        throw new UnsupportedOperationException(name() + " is not a pixel-wise loss and cannot be weighted per pixel");
    }

    /** Mean SSIM over all channels and valid window positions (images at least 11x11). */
    static NDArray ssim(NDArray x, NDArray y) {
        long channels = x.getShape().get(1);
        NDArray window = gaussianWindow(x.getManager(), channels);
        NDArray muX = blur(x, window, channels);
        NDArray muY = blur(y, window, channels);
        NDArray varX = blur(x.mul(x), window, channels).sub(muX.mul(muX));
        NDArray varY = blur(y.mul(y), window, channels).sub(muY.mul(muY));
        NDArray cov = blur(x.mul(y), window, channels).sub(muX.mul(muY));
        NDArray numerator = Scalars.times(muX.mul(muY), 2).add(C1).mul(Scalars.times(cov, 2).add(C2));
        NDArray denominator = muX.mul(muX).add(muY.mul(muY)).add(C1).mul(varX.add(varY).add(C2));
        return numerator.div(denominator).mean();
    }

    private static NDArray blur(NDArray x, NDArray window, long channels) {
        return NarrowConvolutions.convolution(x, window, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1),
                (int) channels, true);
    }

    private static NDArray gaussianWindow(NDManager manager, long channels) {
        float[] g = new float[WINDOW];
        float sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            float d = i - WINDOW / 2;
            g[i] = (float) Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        float[] w = new float[(int) channels * WINDOW * WINDOW];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < WINDOW; i++) {
                for (int j = 0; j < WINDOW; j++) {
                    w[(c * WINDOW + i) * WINDOW + j] = g[i] * g[j] / (sum * sum);
                }
            }
        }
        return manager.create(w, new Shape(channels, 1, WINDOW, WINDOW));
    }
}
