package io.github.imagejgan.image;

/**
 * Noise spread over neighbouring pixels, as a colour camera's demosaicing, a resampling or a compression leave it: a
 * plane of noise blurred by a Gaussian and scaled back to its level per pixel. Training degrades images with it, and
 * the fitted denoising probes a network with it.
 */
public final class NoiseSpread {

    private NoiseSpread() {
    }

    /**
     * {@code noise} ({@code width} x {@code height}, row-major) spread by a Gaussian of {@code spread} pixels (radius
     * 3 spread, edges mirrored) and scaled back to its variance: a normalized kernel lowers white noise's variance by
     * the sum of its squares, per axis. The variance is kept exactly for noise of one level; where it varies (photon
     * noise), each pixel gets the level of its neighbourhood. {@code noise} itself when {@code spread} is 0 or less.
     */
    public static float[] spread(float[] noise, int width, int height, double spread) {
        return spread(noise, width, height, spread, spread);
    }

    /**
     * {@code noise} spread by {@code spreadX} pixels along rows and {@code spreadY} along columns (a line-scanning
     * microscope's detector filter spreads noise along its lines only) and scaled back to its variance; an axis of 0
     * is left as it is.
     */
    public static float[] spread(float[] noise, int width, int height, double spreadX, double spreadY) {
        if (spreadX <= 0 && spreadY <= 0) {
            return noise;
        }
        float[] result = noise;
        double squares = 1;
        if (spreadX > 0) {
            double[] kernel = kernel(spreadX);
            result = blur(result, width, kernel, 1, width);
            squares *= sumOfSquares(kernel);
        }
        if (spreadY > 0) {
            double[] kernel = kernel(spreadY);
            result = blur(result, width, kernel, width, height);
            squares *= sumOfSquares(kernel);
        }
        // The square root of a double's square is that double exactly: even spreads divide as they always did.
        float divisor = (float) Math.sqrt(squares);
        for (int i = 0; i < result.length; i++) {
            result[i] /= divisor;
        }
        return result;
    }

    /** A normalized Gaussian of {@code spread} pixels, radius 3 spread. */
    private static double[] kernel(double spread) {
        int radius = (int) Math.ceil(3 * spread);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * spread * spread));
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        return kernel;
    }

    private static double sumOfSquares(double[] kernel) {
        double squares = 0;
        for (double k : kernel) {
            squares += k * k;
        }
        return squares;
    }

    /** One axis of a separable blur: {@code step} between neighbours along it, {@code length} pixels along it. */
    private static float[] blur(float[] values, int width, double[] kernel, int step, int length) {
        int radius = kernel.length / 2;
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            int along = step == 1 ? i % width : i / width;
            double v = 0;
            for (int k = -radius; k <= radius; k++) {
                v += kernel[k + radius] * values[i + (Mirror.reflect(along + k, length) - along) * step];
            }
            result[i] = (float) v;
        }
        return result;
    }
}
