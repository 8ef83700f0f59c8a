package io.github.imagejgan.synth;

import java.util.Map;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.Filters;
import io.github.imagejgan.task.UserException;

/**
 * A Gaussian point-spread function: the usual approximation of a widefield or confocal PSF (for a widefield
 * microscope sigma is about 0.21 wavelength / NA, see {@link AiryPsf#gaussianSigmaPixels()}).
 *
 * @param sigma standard deviation in pixels; 0 leaves images sharp
 */
public record GaussianPsf(double sigma) implements Psf {

    public GaussianPsf {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new UserException("PSF sigma must be finite and non-negative, got " + sigma);
        }
    }

    @Override
    public float[] blur(float[] image, int width, int height) {
        return Filters.gaussian(image, width, height, sigma);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "gaussian", "sigma", sigma);
    }
}
