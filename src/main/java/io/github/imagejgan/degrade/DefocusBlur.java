package io.github.imagejgan.degrade;

import java.util.Map;

import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;

/**
 * Out-of-focus blur as a widefield microscope shows it: the in-focus image blurred by a Gaussian, plus a broad haze
 * of out-of-focus light (the same image blurred much more), the look that confocal or deconvolved images lack.
 *
 * @param sigma     blur of the in-focus part, pixels
 * @param haze      fraction of the light spread into the haze (0 = none)
 * @param hazeSigma blur of the haze, pixels
 */
public record DefocusBlur(double sigma, double haze, double hazeSigma) implements Degradation {

    public static final String TYPE = "defocus";

    public DefocusBlur {
        if (!(sigma >= 0) || !(haze >= 0 && haze < 1) || !(hazeSigma > 0) || Double.isInfinite(sigma)
                || Double.isInfinite(hazeSigma)) {
            throw new UserException("Defocus needs sigma >= 0, haze in [0, 1) and hazeSigma > 0; got "
                    + sigma + ", " + haze + ", " + hazeSigma);
        }
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        PlaneAccesses.requireSize(image, width, height);
        float[] sharp = Filters.gaussian(image, width, height, sigma);
        if (haze == 0) {
            return new Degraded(sharp, width, height);
        }
        float[] diffuse = Filters.gaussian(image, width, height, hazeSigma);
        float[] out = new float[image.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((1 - haze) * sharp[i] + haze * diffuse[i]);
        }
        return new Degraded(out, width, height);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "sigma", sigma, "haze", haze, "hazeSigma", hazeSigma);
    }
}
