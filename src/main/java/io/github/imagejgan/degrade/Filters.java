package io.github.imagejgan.degrade;

import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;

/**
 * Linear filters on row-major float planes, with mirrored borders (the edge pixel is not repeated, like ImageJ's
 * and scipy's {@code mode="mirror"}): blurring then sees the image continue naturally past its edges, so borders
 * neither darken nor brighten.
 */
public final class Filters {

    private Filters() {
    }

    /** A Gaussian blur of standard deviation {@code sigma} pixels (a copy when sigma is 0), kernel radius 3 sigma. */
    public static float[] gaussian(float[] image, int width, int height, double sigma) {
        PlaneAccesses.requireSize(image, width, height);
        if (!(sigma >= 0)) {
            throw new UserException("Gaussian sigma must be non-negative, got " + sigma);
        }
        if (sigma == 0) {
            return image.clone();
        }
        float[] kernel = gaussianKernel(sigma);
        return separable(image, width, height, kernel);
    }

    /**
     * A Gaussian blur across the slices of a stack (each slice row-major, all of one size), standard deviation
     * {@code sigma} slices, mirrored at the first and last slice: the axial half of a 3D point-spread function.
     */
    public static float[][] gaussianAcrossSlices(float[][] slices, double sigma) {
        if (!(sigma >= 0)) {
            throw new UserException("Gaussian sigma must be non-negative, got " + sigma);
        }
        float[][] result = new float[slices.length][];
        if (sigma == 0) {
            for (int z = 0; z < slices.length; z++) {
                result[z] = slices[z].clone();
            }
            return result;
        }
        float[] kernel = gaussianKernel(sigma);
        int r = kernel.length / 2;
        for (int z = 0; z < slices.length; z++) {
            float[] sum = new float[slices[z].length];
            for (int k = -r; k <= r; k++) {
                float[] source = slices[mirror(z + k, slices.length)];
                float w = kernel[k + r];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += w * source[i];
                }
            }
            result[z] = sum;
        }
        return result;
    }

    /** Applies a symmetric 1D kernel (odd length) along the columns only: a blur in the y direction. */
    public static float[] columns(float[] image, int width, int height, float[] kernel) {
        PlaneAccesses.requireSize(image, width, height);
        int r = kernel.length / 2;
        float[] result = new float[image.length];
        for (int y = 0; y < height; y++) {
            for (int k = -r; k <= r; k++) {
                int row = mirror(y + k, height) * width;
                float w = kernel[k + r];
                for (int x = 0; x < width; x++) {
                    result[y * width + x] += w * image[row + x];
                }
            }
        }
        return result;
    }

    /** Applies the same symmetric 1D kernel (odd length) along rows and then along columns. */
    public static float[] separable(float[] image, int width, int height, float[] kernel) {
        PlaneAccesses.requireSize(image, width, height);
        if (kernel.length % 2 != 1) {
            throw new UserException("A kernel needs an odd length, got " + kernel.length);
        }
        float[] horizontal = new float[image.length];
        int r = kernel.length / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float sum = 0;
                for (int k = -r; k <= r; k++) {
                    sum += kernel[k + r] * image[y * width + mirror(x + k, width)];
                }
                horizontal[y * width + x] = sum;
            }
        }
        return columns(horizontal, width, height, kernel);
    }

    /**
     * Convolves with a square, point-symmetric 2D kernel of odd side {@code size} (row-major), for PSFs that do not
     * separate, such as the Airy pattern.
     */
    public static float[] convolve(float[] image, int width, int height, float[] kernel, int size) {
        PlaneAccesses.requireSize(image, width, height);
        if (size % 2 != 1 || kernel.length != size * size) {
            throw new UserException("A 2D kernel needs an odd side and side^2 values, got side " + size
                    + " with " + kernel.length + " values");
        }
        int r = size / 2;
        float[] result = new float[image.length];
        int[] columns = new int[width + 2 * r];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = mirror(i - r, width);
        }
        for (int y = 0; y < height; y++) {
            for (int ky = -r; ky <= r; ky++) {
                int row = mirror(y + ky, height) * width;
                int kernelRow = (ky + r) * size;
                for (int kx = -r; kx <= r; kx++) {
                    float weight = kernel[kernelRow + kx + r];
                    if (weight == 0) {
                        continue;
                    }
                    for (int x = 0; x < width; x++) {
                        result[y * width + x] += weight * image[row + columns[x + kx + r]];
                    }
                }
            }
        }
        return result;
    }

    /**
     * Averages each {@code factor x factor} block into one pixel, as a camera with larger pixels (or ImageJ's
     * {@code Bin} with "average") would record: output pixel (i, j) covers input pixels {@code factor*i ..
     * factor*i + factor - 1}, and the image mean is kept exactly. Width and height must be multiples of the factor.
     */
    public static float[] binAverage(float[] image, int width, int height, int factor) {
        PlaneAccesses.requireSize(image, width, height);
        if (factor < 1 || width % factor != 0 || height % factor != 0) {
            throw new UserException("Binning by " + factor + " needs a width and height that are multiples"
                    + " of it, got " + width + "x" + height + ": crop the image first");
        }
        int outWidth = width / factor;
        int outHeight = height / factor;
        double[] sums = new double[outWidth];
        float[] result = new float[outWidth * outHeight];
        double norm = 1.0 / (factor * factor);
        for (int oy = 0; oy < outHeight; oy++) {
            java.util.Arrays.fill(sums, 0);
            for (int y = oy * factor; y < (oy + 1) * factor; y++) {
                for (int x = 0; x < width; x++) {
                    sums[x / factor] += image[y * width + x];
                }
            }
            for (int ox = 0; ox < outWidth; ox++) {
                result[oy * outWidth + ox] = (float) (sums[ox] * norm);
            }
        }
        return result;
    }

    /** Normalized Gaussian weights with radius ceil(3 sigma). */
    static float[] gaussianKernel(double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    /** Index {@code i} reflected into [0, n) about the edge pixels (period 2n - 2). */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
