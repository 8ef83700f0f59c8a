package io.github.imagejgan.synth;

import java.util.Random;

import io.github.imagejgan.degrade.Filters;
import io.github.imagejgan.degrade.RandomFields;

/**
 * The imaging steps that every fluorescence phantom shares: drawing dye density with sub-pixel positions, the PSF,
 * out-of-focus haze and an unevenly illuminated background, in expected photons per pixel.
 */
final class Fluorescence {

    /** Cameras add a constant offset so that read noise never clips at zero. */
    static final PixelEncoding CAMERA = PixelEncoding.unsigned16(100, null);

    private static final int PROBE = 65;

    private Fluorescence() {
    }

    /** Adds {@code weight} at sub-pixel position (x, y), split bilinearly between the four nearest pixel centres. */
    static void splat(float[] image, int width, int height, double x, double y, double weight) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        add(image, width, height, x0, y0, weight * (1 - fx) * (1 - fy));
        add(image, width, height, x0 + 1, y0, weight * fx * (1 - fy));
        add(image, width, height, x0, y0 + 1, weight * (1 - fx) * fy);
        add(image, width, height, x0 + 1, y0 + 1, weight * fx * fy);
    }

    private static void add(float[] image, int width, int height, int x, int y, double weight) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            image[y * width + x] += (float) weight;
        }
    }

    /** Peak of the blurred image of a straight line carrying one unit of dye per pixel of length. */
    static double lineResponse(Psf psf) {
        float[] probe = new float[PROBE * PROBE];
        for (int y = 0; y < PROBE; y++) {
            probe[y * PROBE + PROBE / 2] = 1;
        }
        return psf.blur(probe, PROBE, PROBE)[(PROBE / 2) * PROBE + PROBE / 2];
    }

    /** Peak of the blurred image of one unit of dye at a pixel centre. */
    static double pointResponse(Psf psf) {
        float[] probe = new float[PROBE * PROBE];
        probe[(PROBE / 2) * PROBE + PROBE / 2] = 1;
        return psf.blur(probe, PROBE, PROBE)[(PROBE / 2) * PROBE + PROBE / 2];
    }

    /**
     * The expected photon image of a dye density: blurred by the PSF, plus a haze (the density blurred far more,
     * standing for out-of-focus light) of relative strength {@code haze}, scaled by {@code gain}, on a background
     * whose level varies smoothly by about 20% across the field, as uneven illumination makes it.
     */
    static float[] acquire(float[] density, int width, int height, Psf psf, double gain, double haze,
            double background, Random random) {
        float[] focused = psf.blur(density, width, height);
        float[] hazy = haze > 0 ? Filters.gaussian(focused, width, height, Math.min(16, Math.max(width, height) / 16.0))
                : new float[focused.length];
        float[] illumination = RandomFields.smooth(width, height, Math.max(width, height), random);
        float[] photons = new float[focused.length];
        for (int i = 0; i < photons.length; i++) {
            double level = background * Math.max(0.5, 1 + 0.2 * illumination[i]);
            photons[i] = (float) Math.max(0, gain * (focused[i] + haze * hazy[i]) + level);
        }
        return photons;
    }
}
