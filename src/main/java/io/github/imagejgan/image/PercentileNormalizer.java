package io.github.imagejgan.image;

import java.util.List;

import io.github.imagejgan.task.UserException;

/**
 * Percentile normalization as in CSBDeep/CARE: the low percentile maps to 0, the high one to 1.
 *
 * <p>Documented edge cases: if the two percentiles coincide (e.g. a mostly black image with a few bright spots) the
 * full minimum-maximum range is used instead; if that is empty too, the image is constant and
 * {@link IntensityRange#normalizing()} shifts it to 0 without scaling. NaN or infinite pixels are rejected with a
 * {@link NonFiniteValuesException}.
 *
 * @param lowPercent  e.g. 1
 * @param highPercent e.g. 99.8
 */
public record PercentileNormalizer(double lowPercent, double highPercent) {

    /** The defaults used by CARE and most restoration networks. */
    public static final PercentileNormalizer DEFAULT = new PercentileNormalizer(1, 99.8);

    public PercentileNormalizer {
        if (!(lowPercent >= 0 && lowPercent < highPercent && highPercent <= 100)) {
            throw new UserException("Need 0 <= low < high <= 100 percent, got " + lowPercent + " and "
                    + highPercent);
        }
    }

    /** The intensity range of all given planes. */
    public IntensityRange fit(List<PlaneAccess> planes) {
        return range(Percentiles.of(planes, lowPercent, highPercent, 0, 100));
    }

    /**
     * The intensity range of every pixel the passes visit (an image spread over many machines).
     *
     * @param integerLevels as {@link Percentiles#of(PixelPasses, int, double...)} takes it
     */
    public IntensityRange fit(PixelPasses pixels, int integerLevels) {
        return range(Percentiles.of(pixels, integerLevels, lowPercent, highPercent, 0, 100));
    }

    private static IntensityRange range(double[] p) {
        return p[1] > p[0] ? new IntensityRange(p[0], p[1]) : new IntensityRange(p[2], p[3]);
    }

    /** The intensity range of the whole image (all channels, slices and frames together). */
    public IntensityRange fit(HyperImage<?> image) {
        return fit(image.allPlanes());
    }
}
