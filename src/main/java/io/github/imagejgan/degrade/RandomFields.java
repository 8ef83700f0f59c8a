package io.github.imagejgan.degrade;

import java.util.Random;

import io.github.imagejgan.image.MeanStd;
import io.github.imagejgan.task.UserException;

/**
 * Smooth random fields: Gaussian white noise on a coarse grid, blurred and interpolated up to full resolution, so
 * that the cost does not grow with the correlation length. Used for blob masks, textures, illumination and bias
 * fields.
 */
public final class RandomFields {

    private RandomFields() {
    }

    /**
     * A smooth field with zero mean and unit standard deviation over the image, whose features are about
     * {@code scale} pixels across.
     */
    public static float[] smooth(int width, int height, double scale, Random random) {
        if (width < 1 || height < 1) {
            throw new UserException("A field needs at least one pixel, got " + width + "x" + height);
        }
        if (!(scale >= 1)) {
            throw new UserException("Feature scale must be at least one pixel, got " + scale);
        }
        double spacing = Math.max(1, scale / 4);
        int gw = (int) Math.ceil(width / spacing) + 4;
        int gh = (int) Math.ceil(height / spacing) + 4;
        float[] grid = new float[gw * gh];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) random.nextGaussian();
        }
        float[] coarse = Filters.gaussian(grid, gw, gh, scale / spacing / 2.5);
        float[] field = new float[width * height];
        for (int y = 0; y < height; y++) {
            double gy = y / spacing + 1.5;
            for (int x = 0; x < width; x++) {
                field[y * width + x] = (float) cubic(coarse, gw, x / spacing + 1.5, gy);
            }
        }
        return standardize(field);
    }

    /**
     * Fractal noise: octaves of {@link #smooth} fields from {@code scale} down to about two pixels, each octave's
     * amplitude {@code persistence} times the previous one. With persistence 0.5 the amplitude spectrum falls as
     * 1/f, like that of natural images. Zero mean, unit standard deviation.
     */
    public static float[] fractal(int width, int height, double scale, double persistence, Random random) {
        if (!(persistence > 0 && persistence < 1)) {
            throw new UserException("Persistence must lie between 0 and 1, got " + persistence);
        }
        float[] sum = new float[width * height];
        double amplitude = 1;
        for (double s = scale; s >= 2; s /= 2) {
            float[] octave = smooth(width, height, s, random);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += (float) (amplitude * octave[i]);
            }
            amplitude *= persistence;
        }
        return standardize(sum);
    }

    private static float[] standardize(float[] field) {
        MeanStd statistics = MeanStd.of(field);
        double mean = statistics.mean();
        double std = statistics.std();
        double inv = std > 0 ? 1 / std : 0;
        for (int i = 0; i < field.length; i++) {
            field[i] = (float) ((field[i] - mean) * inv);
        }
        return field;
    }

    /** Catmull-Rom interpolation at (x, y) on a grid with at least one sample of margin around the point. */
    private static double cubic(float[] grid, int gw, double x, double y) {
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        double fx = x - ix;
        double fy = y - iy;
        double result = 0;
        for (int j = -1; j <= 2; j++) {
            double row = 0;
            int base = (iy + j) * gw;
            for (int i = -1; i <= 2; i++) {
                row += weight(i - fx) * grid[base + ix + i];
            }
            result += weight(j - fy) * row;
        }
        return result;
    }

    private static double weight(double t) {
        double a = Math.abs(t);
        if (a < 1) {
            return 1.5 * a * a * a - 2.5 * a * a + 1;
        }
        if (a < 2) {
            return -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2;
        }
        return 0;
    }
}
