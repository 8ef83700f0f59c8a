package io.github.imagejgan.synth;

/** Separable Gaussian blur with mirrored borders, for rendering optical point-spread functions. */
final class GaussianBlur {

    private GaussianBlur() {
    }

    static float[] blur(float[] image, int width, int height, double sigma) {
        if (sigma <= 0) {
            return image.clone();
        }
        float[] kernel = kernel(sigma);
        float[] horizontal = new float[image.length];
        float[] result = new float[image.length];
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
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float sum = 0;
                for (int k = -r; k <= r; k++) {
                    sum += kernel[k + r] * horizontal[mirror(y + k, height) * width + x];
                }
                result[y * width + x] = sum;
            }
        }
        return result;
    }

    private static float[] kernel(double sigma) {
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

    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
