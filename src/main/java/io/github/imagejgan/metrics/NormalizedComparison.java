package io.github.imagejgan.metrics;

import java.nio.FloatBuffer;
import java.util.List;

import io.github.imagejgan.image.IntensityRange;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.task.UserException;

/**
 * Quality control as CSBDeep/CARE and the ZeroCostDL4Mic notebooks do it, so that a prediction is not penalized for
 * an intensity scale or offset that differs from the ground truth's: the ground truth is normalized by its
 * percentiles ({@code low} maps to 0, {@code high} to 1), the prediction is fitted to it by least squares with a
 * scale and an offset (CSBDeep's {@code normalize_minmse}), and PSNR, SSIM and RMSE are then computed with a data
 * range of 1.
 *
 * <p>The fit uses population (co)variances throughout; the notebooks' {@code norm_minmse} mixes a sample covariance
 * with a population variance, which scales their fit by n/(n-1), a negligible difference for any real image. Nothing
 * is copied: both images are read row by row with the normalization applied on the fly.
 *
 * @param lowPercent  ground-truth percentile mapped to 0
 * @param highPercent ground-truth percentile mapped to 1
 */
public record NormalizedComparison(double lowPercent, double highPercent) {

    /** The percentiles of the ZeroCostDL4Mic quality-control notebooks: 0.1 and 99.9. */
    public static final NormalizedComparison QUALITY_CONTROL = new NormalizedComparison(0.1, 99.9);

    public NormalizedComparison {
        new PercentileNormalizer(lowPercent, highPercent);
    }

    /**
     * The comparison's outcome.
     *
     * @param psnr        PSNR in dB with data range 1
     * @param ssim        SSIM with data range 1
     * @param nrmse       root-mean-square error of the normalized images: the error as a fraction of the ground
     *                    truth's percentile range (what the ZeroCostDL4Mic notebooks report as NRMSE)
     * @param scale       fitted prediction scale (normalized units per prediction unit)
     * @param offset      fitted prediction offset (normalized units)
     * @param truthRange  the ground-truth values that were mapped to 0 and 1
     */
    public record Result(double psnr, double ssim, double nrmse, double scale, double offset,
            IntensityRange truthRange) {
    }

    /** Compares row-major images of {@code width x height} pixels (at least 11 x 11 for SSIM). */
    public Result compare(float[] truth, float[] prediction, int width, int height) {
        return compare(AffinePlane.of(truth, width, height), AffinePlane.of(prediction, width, height));
    }

    /** Compares one plane with another, read row by row. */
    public Result compare(PlaneAccess truth, PlaneAccess prediction) {
        return compare(AffinePlane.of(truth), AffinePlane.of(prediction));
    }

    private Result compare(AffinePlane truth, AffinePlane prediction) {
        AffinePlane.checkSameSize(List.of(truth), List.of(prediction));
        IntensityRange range = new PercentileNormalizer(lowPercent, highPercent).fit(List.of(truth.plane()));
        if (range.isEmpty()) {
            throw new UserException("The ground truth is constant, so it cannot be normalized by "
                    + "percentiles; compare it with plain PSNR instead");
        }
        double truthScale = 1 / (range.high() - range.low());
        AffinePlane normalizedTruth = new AffinePlane(truth.plane(), truthScale, -range.low() * truthScale);
        double[] fit = leastSquares(prediction, normalizedTruth);
        AffinePlane fitted = new AffinePlane(prediction.plane(), fit[0], fit[1]);
        List<AffinePlane> t = List.of(normalizedTruth);
        List<AffinePlane> p = List.of(fitted);
        double rmse = Math.sqrt(PixelDifferences.of(t, p).meanSquaredError());
        return new Result(Psnr.of(t, p, 1), Ssim.of(normalizedTruth, fitted, 1), rmse, fit[0], fit[1], range);
    }

    /** Scale and offset minimizing the squared error of {@code scale * x + offset} to {@code y}. */
    private static double[] leastSquares(AffinePlane x, AffinePlane y) {
        int w = x.width();
        FloatBuffer scratch = FloatBuffer.allocate(w);
        double[] a = new double[w];
        double[] b = new double[w];
        double sumX = 0;
        double sumY = 0;
        for (int row = 0; row < x.height(); row++) {
            x.readRow(row, scratch, a);
            y.readRow(row, scratch, b);
            for (int c = 0; c < w; c++) {
                sumX += a[c];
                sumY += b[c];
            }
        }
        double n = (double) w * x.height();
        double meanX = sumX / n;
        double meanY = sumY / n;
        // A second pass around the means: sums of squares about zero lose the variance of large, flat images.
        double covariance = 0;
        double variance = 0;
        for (int row = 0; row < x.height(); row++) {
            x.readRow(row, scratch, a);
            y.readRow(row, scratch, b);
            for (int c = 0; c < w; c++) {
                double dx = a[c] - meanX;
                covariance += dx * (b[c] - meanY);
                variance += dx * dx;
            }
        }
        double scale = variance > 0 ? covariance / variance : 0;
        return new double[] { scale, meanY - scale * meanX };
    }
}
