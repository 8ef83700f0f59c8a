package io.github.imagejgan.synth;

import java.util.Random;

import io.github.imagejgan.degrade.Filters;

/**
 * What the microscope does to a volume of fluorophores: an anisotropic Gaussian PSF (lateral sigma in pixels, axial
 * sigma in pixel widths, converted to slices) and a background that varies gently across the field.
 */
final class VolumeOptics {

    private VolumeOptics() {
    }

    /**
     * The volume blurred by the PSF, plus a background of {@code background} photons tilted by a random gradient
     * drawn from {@code random}; the input is not changed.
     */
    static float[][] image(float[][] volume, int width, int height, double zStep, double psfSigma, double psfSigmaZ,
            double background, Random random) {
        float[][] blurred = new float[volume.length][];
        for (int z = 0; z < volume.length; z++) {
            blurred[z] = Filters.gaussian(volume[z], width, height, psfSigma);
        }
        blurred = Filters.gaussianAcrossSlices(blurred, psfSigmaZ / zStep);
        double gx = random.nextGaussian() * 0.3 / width;
        double gy = random.nextGaussian() * 0.3 / height;
        for (float[] slice : blurred) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double level = background * (1 + gx * (x - width / 2.0) + gy * (y - height / 2.0));
                    slice[y * width + x] += (float) Math.max(0, level);
                }
            }
        }
        return blurred;
    }
}
