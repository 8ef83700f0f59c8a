package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Pixel-wise losses between a generated image and its target, in normalized units (about 0..1).
 */
public enum ReconstructionLoss {

    /** Mean absolute error: sharper results than squared error, the pix2pix choice. */
    L1 {
        @Override
        public NDArray between(NDArray output, NDArray target) {
            return output.sub(target).abs().mean();
        }
    },

    /**
     * L1 with each image weighted by the inverse of its input's own error (mean absolute difference between input
     * and target), so that lightly and heavily degraded images count alike. Plain L1 is dominated by the strongest
     * degradations of a blind training (an error of 0.1 against one of 0.001), and a network trained over wide
     * noise ranges then serves faint noise poorly; weighting by the inverse error makes the objective track the
     * mean log error, i.e. the mean PSNR over noise levels. Only where input and target share a shape (denoising);
     * otherwise it is plain L1.
     */
    L1_BALANCED {
        @Override
        public NDArray between(NDArray output, NDArray target) {
            return L1.between(output, target);
        }

        @Override
        public NDArray between(NDArray output, NDArray target, NDArray input) {
            if (!input.getShape().equals(target.getShape())) {
                return between(output, target);
            }
            NDArray perImage = perImageMean(output.sub(target).abs());
            return perImage.mul(inverseErrorWeights(input, target)).mean();
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

    private static final int WINDOW = 11;
    private static final float SIGMA = 1.5f;
    private static final float C1 = 0.01f * 0.01f;
    private static final float C2 = 0.03f * 0.03f;


    /** Below this input error (normalized units) an image counts as clean: it keeps the largest weight. */
    private static final float SMALLEST_ERROR = 1e-3f;

    /** The loss, a scalar, between two {@code [N, C, H, W]} arrays of the same shape. */
    public abstract NDArray between(NDArray output, NDArray target);

    /**
     * The loss of an output computed from {@code input}; losses that do not depend on the input ignore it.
     */
    public NDArray between(NDArray output, NDArray target, NDArray input) {
        return between(output, target);
    }

    /** The mean of each image of an {@code [N, ...]} array, shape {@code [N]} (PyTorch's mean takes one axis here). */
    private static NDArray perImageMean(NDArray batch) {
        return batch.reshape(batch.getShape().get(0), -1).mean(new int[] {1});
    }

    /**
     * One weight per image, proportional to 1 / its input's mean absolute error and averaging 1 over the batch.
     * Computed from the data alone (no gradient flows through it) and held by the output's manager.
     */
    static NDArray inverseErrorWeights(NDArray input, NDArray target) {
        float[] errors = perImageMean(input.sub(target).abs()).toFloatArray();
        float[] weights = new float[errors.length];
        double sum = 0;
        for (int i = 0; i < errors.length; i++) {
            weights[i] = 1 / Math.max(SMALLEST_ERROR, Float.isFinite(errors[i]) ? errors[i] : SMALLEST_ERROR);
            sum += weights[i];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (weights[i] * weights.length / sum);
        }
        return input.getManager().create(weights);
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
        return Conv2d.conv2d(x, window, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), (int) channels)
                .singletonOrThrow();
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
