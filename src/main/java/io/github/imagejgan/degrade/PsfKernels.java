package io.github.imagejgan.degrade;

import java.util.function.DoubleBinaryOperator;

import io.github.imagejgan.task.UserException;

/**
 * Point-spread functions as convolution kernels: the intensity integrated over each pixel's area (5 x 5 samples per
 * pixel), as a camera pixel collects light over its whole surface, then normalized to sum 1 so that blurring keeps
 * the total light. Integrating matters for PSFs of a pixel or two, whose centre sample alone would overstate the
 * peak.
 */
public final class PsfKernels {

    private static final int SUBSAMPLES = 5;
    /** The first zero of J1: the Airy pattern's first dark ring, in optical units ({@code 2 pi NA r / wavelength}). */
    public static final double AIRY_FIRST_ZERO = 3.8317059702075125;
    /** The fourth zero of J1: where the Airy kernels end (96 % of the light lies inside). */
    public static final double AIRY_FOURTH_ZERO = 13.323691936314223;
    /** Kernels wider than this many pixels each side are refused: the blur would span most images. */
    public static final int MAX_RADIUS = 200;

    private PsfKernels() {
    }

    /**
     * A square kernel of side {@code 2 radius + 1}, row by row.
     *
     * @param radius    half the side, in pixels
     * @param intensity the PSF at offset (dx, dy) from the centre, in pixels; need not be normalized
     */
    public static float[] integrated(int radius, DoubleBinaryOperator intensity) {
        if (radius < 0 || radius > MAX_RADIUS) {
            throw new UserException("A point-spread function " + (2 * radius + 1) + " pixels wide is outside 1 to "
                    + (2 * MAX_RADIUS + 1) + " pixels: use larger pixels or a smaller blur");
        }
        int n = 2 * radius + 1;
        double[] values = new double[n * n];
        double sum = 0;
        for (int y = -radius; y <= radius; y++) {
            for (int x = -radius; x <= radius; x++) {
                double pixel = 0;
                for (int sy = 0; sy < SUBSAMPLES; sy++) {
                    for (int sx = 0; sx < SUBSAMPLES; sx++) {
                        pixel += intensity.applyAsDouble(x + (sx + 0.5) / SUBSAMPLES - 0.5,
                                y + (sy + 0.5) / SUBSAMPLES - 0.5);
                    }
                }
                values[(y + radius) * n + x + radius] = pixel;
                sum += pixel;
            }
        }
        if (!(sum > 0)) {
            throw new UserException("The point-spread function has no light inside its " + n + "-pixel kernel");
        }
        float[] kernel = new float[n * n];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) (values[i] / sum);
        }
        return kernel;
    }

    /** The Airy pattern {@code (2 J1(v) / v)^2} at optical distance {@code v}, 1 at the centre. */
    public static double airy(double v) {
        if (Math.abs(v) < 1e-8) {
            return 1;
        }
        double amplitude = 2 * BesselJ1.of(v) / v;
        return amplitude * amplitude;
    }
}
