package io.github.imagejgan.metrics;

import java.util.ArrayList;
import java.util.List;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.IntensityRange;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.UnsupportedImageException;

/**
 * A prediction scored against its ground truth plane by plane (every channel, slice and frame), and overall as the
 * mean of the planes: what the Evaluate command and the model report show.
 */
public final class ImageEvaluation {

    /** How the two images are brought into a common range before comparing. */
    public enum Mode {
        /**
         * Percentile-normalized ground truth, prediction fitted to it by least squares (CSBDeep, ZeroCostDL4Mic
         * quality control): fair to models whose output intensities are scaled or shifted.
         */
        NORMALIZED,
        /** The images as they are, data range = ground truth's max - min; NRMSE divided by that range. */
        RAW
    }

    /**
     * Scores of one plane, or of all planes together (the mean).
     *
     * @param label e.g. "c1 z3 t1", or "all"
     */
    public record Scores(String label, double psnr, double ssim, double nrmse) {
    }

    private ImageEvaluation() {
    }

    /**
     * @return one entry per plane and, last, the mean over planes labelled "all"
     * @throws UnsupportedImageException if the images differ in size or planes
     */
    public static List<Scores> evaluate(HyperImage<?> truth, HyperImage<?> prediction, Mode mode) {
        if (truth.width() != prediction.width() || truth.height() != prediction.height()
                || truth.channels() != prediction.channels() || truth.slices() != prediction.slices()
                || truth.frames() != prediction.frames()) {
            throw new UnsupportedImageException("The prediction (" + describe(prediction) + ") and the ground truth ("
                    + describe(truth) + ") differ in size; compare images of the same size and planes.");
        }
        List<Scores> scores = new ArrayList<>();
        double dataRange = mode == Mode.RAW ? range(truth) : 1;
        for (int t = 0; t < truth.frames(); t++) {
            for (int z = 0; z < truth.slices(); z++) {
                for (int c = 0; c < truth.channels(); c++) {
                    String label = "c" + (c + 1) + " z" + (z + 1) + " t" + (t + 1);
                    PlaneAccess reference = truth.plane(c, z, t);
                    PlaneAccess test = prediction.plane(c, z, t);
                    if (mode == Mode.NORMALIZED) {
                        NormalizedComparison.Result r = NormalizedComparison.QUALITY_CONTROL.compare(reference, test);
                        scores.add(new Scores(label, r.psnr(), r.ssim(), r.nrmse()));
                    } else {
                        scores.add(new Scores(label, Psnr.of(reference, test, dataRange), Ssim.of(reference, test,
                                dataRange), Nrmse.of(reference, test, Nrmse.Normalization.MIN_MAX)));
                    }
                }
            }
        }
        scores.add(new Scores("all", scores.stream().mapToDouble(Scores::psnr).average().orElseThrow(),
                scores.stream().mapToDouble(Scores::ssim).average().orElseThrow(),
                scores.stream().mapToDouble(Scores::nrmse).average().orElseThrow()));
        return scores;
    }

    private static double range(HyperImage<?> truth) {
        IntensityRange r = new PercentileNormalizer(0, 100).fit(truth);
        if (r.isEmpty()) {
            throw new UnsupportedImageException("The ground truth is constant: PSNR and SSIM are undefined.");
        }
        return r.high() - r.low();
    }

    private static String describe(HyperImage<?> image) {
        return image.width() + "x" + image.height() + ", " + image.channels() + " channels, " + image.slices()
                + " slices, " + image.frames() + " frames";
    }
}
