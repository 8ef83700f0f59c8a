package io.github.imagejgan.synth;

import java.util.Map;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.Filters;
import io.github.imagejgan.degrade.PsfKernels;
import io.github.imagejgan.task.UserException;

/**
 * The in-focus point-spread function of a diffraction-limited widefield microscope with a circular pupil (scalar,
 * paraxial theory): the Airy pattern {@code I(r) = (2 J1(v) / v)^2} with {@code v = 2 pi NA r / wavelength}. Its
 * first dark ring lies at {@code r = 0.61 wavelength / NA}, its full width at half maximum is {@code 0.51 wavelength
 * / NA}.
 *
 * <p>The kernel integrates the pattern over each pixel's area (5 x 5 samples per pixel), as a camera pixel collects
 * light over its whole surface, and extends to the fourth dark ring (96% of the light); it is then normalized to
 * sum 1 so that blurring keeps the total photon count.
 */
public final class AiryPsf implements Psf {

    /** The kernel's radius in optical units: the fourth dark ring. */
    private static final double FOURTH_ZERO = PsfKernels.AIRY_FOURTH_ZERO;

    private final double numericalAperture;
    private final double wavelengthNm;
    private final double pixelSizeNm;
    private final int size;
    private final float[] kernel;

    /**
     * @param numericalAperture the objective's NA, e.g. 1.4 for an oil objective (0 < NA <= 1.7)
     * @param wavelengthNm      emission wavelength in nanometres, e.g. 520 for GFP
     * @param pixelSizeNm       pixel size in the sample plane in nanometres (camera pixel / magnification)
     */
    public AiryPsf(double numericalAperture, double wavelengthNm, double pixelSizeNm) {
        if (!(numericalAperture > 0 && numericalAperture <= 1.7)) {
            throw new UserException("Numerical aperture must lie in (0, 1.7], got " + numericalAperture);
        }
        if (!(wavelengthNm > 0) || Double.isInfinite(wavelengthNm)) {
            throw new UserException("Wavelength must be positive, got " + wavelengthNm + " nm");
        }
        if (!(pixelSizeNm > 0) || Double.isInfinite(pixelSizeNm)) {
            throw new UserException("Pixel size must be positive, got " + pixelSizeNm + " nm");
        }
        this.numericalAperture = numericalAperture;
        this.wavelengthNm = wavelengthNm;
        this.pixelSizeNm = pixelSizeNm;
        double unitsPerPixel = 2 * Math.PI * numericalAperture * pixelSizeNm / wavelengthNm;
        int radius = (int) Math.ceil(FOURTH_ZERO / unitsPerPixel);
        if (radius > PsfKernels.MAX_RADIUS) {
            throw new UserException("The Airy pattern spans " + (2 * radius + 1) + " pixels: pixels of "
                    + pixelSizeNm + " nm are far finer than the optics resolve; use larger pixels");
        }
        this.size = 2 * radius + 1;
        this.kernel = computeKernel(radius, unitsPerPixel);
    }

    /** Intensity of the Airy pattern at optical distance {@code v}, 1 at the centre. */
    static double intensity(double v) {
        return PsfKernels.airy(v);
    }

    private static float[] computeKernel(int radius, double unitsPerPixel) {
        return PsfKernels.integrated(radius, (dx, dy) -> {
            double v = Math.hypot(dx, dy) * unitsPerPixel;
            return v <= FOURTH_ZERO ? intensity(v) : 0;
        });
    }

    @Override
    public float[] blur(float[] image, int width, int height) {
        return Filters.convolve(image, width, height, kernel, size);
    }

    /** A copy of the normalized kernel, {@link #kernelSize()} squared values, row by row. */
    public float[] kernel() {
        return kernel.clone();
    }

    /** Side of the square kernel, in pixels (odd). */
    public int kernelSize() {
        return size;
    }

    /** Radius of the first dark ring, 0.61 wavelength / NA, in pixels. */
    public double firstZeroPixels() {
        return PsfKernels.AIRY_FIRST_ZERO / (2 * Math.PI) * wavelengthNm / numericalAperture / pixelSizeNm;
    }

    /**
     * Sigma of the Gaussian that best fits the widefield Airy pattern, 0.21 wavelength / NA (Zhang, Zerubia &amp;
     * Olivo-Marin, Appl. Opt. 2007), in pixels: for a {@link GaussianPsf} that stands in for this one.
     */
    public double gaussianSigmaPixels() {
        return 0.21 * wavelengthNm / numericalAperture / pixelSizeNm;
    }

    public double numericalAperture() {
        return numericalAperture;
    }

    public double wavelengthNm() {
        return wavelengthNm;
    }

    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "airy", "numericalAperture", numericalAperture, "wavelengthNm", wavelengthNm,
                "pixelSizeNm", pixelSizeNm);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AiryPsf p && p.numericalAperture == numericalAperture && p.wavelengthNm == wavelengthNm
                && p.pixelSizeNm == pixelSizeNm;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(numericalAperture, wavelengthNm, pixelSizeNm);
    }

    @Override
    public String toString() {
        return "AiryPsf[NA " + numericalAperture + ", " + wavelengthNm + " nm, pixels " + pixelSizeNm + " nm]";
    }
}
